#!/usr/bin/env bash
# `npm test`: format check, type check, lint, unit tests, integration tests (PGlite; PostgreSQL too when
# TEST_DATABASE_URL is set), a production build in .next-e2e, then the Playwright suite against
# it. Stops at the first failure. Reports land in test-results/ and scripts/tally.mjs sums them.
#
# TEST_RESULTS_APPEND=1 keeps test-results/steps.tsv and skips the closing tally (.ci/run sets it:
# it records steps of its own and prints the tally last).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export NEXT_TELEMETRY_DISABLED=1
# shellcheck source=scripts/steps.sh
source scripts/steps.sh

mkdir -p "$RESULTS_DIR"
rm -f "$RESULTS_DIR/unit.json" "$RESULTS_DIR/integration.json" "$RESULTS_DIR/e2e.json"
[[ "${TEST_RESULTS_APPEND:-}" == 1 ]] || rm -f "$STEPS_FILE"

# next build adds its folder's types to tsconfig.json's "include" (and reformats the file) when
# they are missing. That is a side effect of the build, not a change to keep: it is put back after
# the build, or on exit if the run is stopped during it.
tsconfig_saved=
restore_tsconfig() {
  if [[ -n $tsconfig_saved ]]; then
    if ! cmp -s tsconfig.json "$tsconfig_saved"; then
      cp "$tsconfig_saved" tsconfig.json
      echo "(put back tsconfig.json, which next build had rewritten)"
    fi
    rm -f "$tsconfig_saved"
    tsconfig_saved=
  fi
}
on_exit() {
  local status=$?
  restore_tsconfig
  if [[ "${TEST_RESULTS_APPEND:-}" != 1 ]]; then
    echo
    node scripts/tally.mjs || true
  fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

describe_url() { # postgres://user:secret@host:port/db -> host:port/db
  local rest=${1#*://}
  echo "${rest#*@}"
}
section "npm test"
echo "integration databases: PGlite${TEST_DATABASE_URL:+ + PostgreSQL at $(describe_url "$TEST_DATABASE_URL")}"
if [[ -n ${E2E_DATABASE_URL:-} ]]; then
  echo "e2e database: PostgreSQL at $(describe_url "$E2E_DATABASE_URL")"
else
  echo "e2e database: a fresh embedded PGlite"
fi

plan_steps format typecheck lint unit integration build e2e

run_step format prettier --check .
run_step typecheck tsc --noEmit
run_step lint eslint . --max-warnings 0
run_step unit vitest run --project unit --passWithNoTests \
  --reporter=default --reporter=json --outputFile.json="$RESULTS_DIR/unit.json"
run_step integration vitest run --project integration \
  --reporter=default --reporter=json --outputFile.json="$RESULTS_DIR/integration.json"
# A build folder of its own: a developer's .next (dev server or build) is left alone.
build_for_e2e() {
  local status=0
  tsconfig_saved=$(mktemp)
  cp tsconfig.json "$tsconfig_saved"
  NEXT_DIST_DIR=.next-e2e next build || status=$?
  restore_tsconfig
  return "$status"
}
run_step build build_for_e2e
run_step e2e playwright test
