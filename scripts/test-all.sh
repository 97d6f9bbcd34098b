#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find: types, lint, unit and
# integration tests (vitest), the production build, then the browser journeys (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .tmp

echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint"; npx eslint --max-warnings=0 .
echo "== unit and integration tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
node -e '
  const r = require("./.tmp/vitest.json");
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' || true
[ "$status" -eq 0 ] || exit "$status"

if [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  echo "== build"; npx next build
  echo "== browser journeys"; npx playwright test
fi
