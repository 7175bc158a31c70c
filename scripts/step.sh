# Sourced by scripts/test.sh and .ci/run. step <name> <command...>: runs the command under a header,
# prints how it went and how long it took, names a failed step in test-results/failed for
# scripts/tally.mjs, and returns the command's status.
step() {
  local name=$1 started=$SECONDS status=0
  shift
  printf '\n==> %s\n' "$name"
  "$@" || status=$?
  if ((status == 0)); then
    echo "--- $name passed in $((SECONDS - started))s"
  else
    echo "--- $name FAILED (exit $status) after $((SECONDS - started))s"
    mkdir -p test-results && echo "$name" >>test-results/failed
  fi
  return "$status"
}
