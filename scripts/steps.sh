# Shared by scripts/test.sh and .ci/run (sourced, not run): section headers and a step log that
# scripts/tally.mjs reads. Each line of $STEPS_FILE is "name<TAB>status<TAB>seconds"; the last line
# for a name wins. Status: planned (not run yet), passed, failed, or done (a wrapper whose outcome
# its own sub-steps already record).

RESULTS_DIR=${TEST_RESULTS_DIR:-test-results}
STEPS_FILE="$RESULTS_DIR/steps.tsv"

if [[ -t 1 ]]; then
  _bold=$'\033[1m' _red=$'\033[31m' _green=$'\033[32m' _reset=$'\033[0m'
else
  _bold='' _red='' _green='' _reset=''
fi

section() {
  printf '\n%s==> %s%s\n' "$_bold" "$*" "$_reset"
}

record_step() { # record_step <name> <status> [seconds]
  mkdir -p "$RESULTS_DIR"
  printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$STEPS_FILE"
}

plan_steps() { # plan_steps <name>...
  local name
  for name in "$@"; do record_step "$name" planned; done
}

# run_step <name> <command> [args...]: runs one command under a header, records passed or failed
# with its duration, and returns the command's status. Give it a single command (or `bash -c`):
# errexit does not apply inside a function whose status is tested.
run_step() {
  local name=$1
  shift
  section "$name"
  local start=$EPOCHREALTIME status=0
  "$@" || status=$?
  local seconds
  seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if ((status == 0)); then
    record_step "$name" passed "$seconds"
    printf '%s--- %s passed in %ss%s\n' "$_green" "$name" "$seconds" "$_reset"
  else
    record_step "$name" failed "$seconds"
    printf '%s--- %s FAILED (exit %s) after %ss%s\n' "$_red" "$name" "$status" "$seconds" "$_reset"
  fi
  return "$status"
}
