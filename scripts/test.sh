#!/usr/bin/env bash
# `npm test`: format check, type check, lint, unit tests, integration tests (PGlite; PostgreSQL too
# when TEST_DATABASE_URL is set), a production build in .next-e2e (a developer's .next is left
# alone), then the Playwright suite against it. Stops at the first failure and ends with the tally
# of scripts/tally.mjs; with TEST_TALLY=0 it leaves the tally to its caller (.ci/run).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH" NEXT_TELEMETRY_DISABLED=1
# shellcheck source=scripts/step.sh
source scripts/step.sh
mkdir -p test-results && rm -f test-results/{unit,integration,e2e}.json
[[ ${TEST_TALLY:-1} == 0 ]] || rm -f test-results/failed

finish() {
  local status=$1
  if [[ ${TEST_TALLY:-1} != 0 ]]; then node scripts/tally.mjs || status=1; fi
  exit "$status"
}
trap 'echo interrupted >>test-results/failed; finish 130' INT TERM
json() { echo "--reporter=default --reporter=json --outputFile.json=test-results/$1.json"; }

echo "integration databases: PGlite${TEST_DATABASE_URL:+ and PostgreSQL at ${TEST_DATABASE_URL#*@}}"
echo "e2e database: ${E2E_DATABASE_URL:+PostgreSQL at ${E2E_DATABASE_URL#*@}}${E2E_DATABASE_URL:-a fresh embedded PGlite}"
# shellcheck disable=SC2046 # json's flags are separate words
step format prettier --check . &&
  step typecheck tsc --noEmit &&
  step lint eslint . --max-warnings 0 &&
  step unit vitest run --project unit --passWithNoTests $(json unit) &&
  step integration vitest run --project integration $(json integration) &&
  step build env NEXT_DIST_DIR=.next-e2e next build &&
  step e2e playwright test
finish $?
