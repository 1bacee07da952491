#!/usr/bin/env bash
# `npm test`: everything the suite needs on a fresh machine, then the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-tools.sh
ensure_chromium '[test]' 'the browser tests will skip (and fail under CI=true)'
ensure_redis '[test]' 'the Redis tests will skip (and fail under CI=true)'
# the browser tests serve the README's topology over HTTPS with a certificate openssl makes (test/support/tls.ts)
ensure_openssl '[test]' 'the browser tests cannot serve HTTPS'

mkdir -p test-output
npx tsc --noEmit -p tsconfig.json
bash scripts/vercel-build.sh # the widget in public/ and .vercel/output, which test/browser/vercel-output.test.ts serves
# The whole suite's output is kept so the log scan below can prove that no raw
# test PII or secret ever reached a log line.
npx vitest run --exclude 'test/pii/**' --exclude 'test/integration/fault-soak.test.ts' --reporter=default --reporter=json --outputFile.json=test-output/suite.json 2>&1 | tee test-output/suite.log
# The fault soak (10,000 POSTs) runs alone after the parallel suite: on 2 cores it would starve the
# timing-sensitive browser tests and be starved by them (over 4 minutes instead of under one).
npx vitest run test/integration/fault-soak.test.ts --reporter=default --reporter=json --outputFile.json=test-output/soak.json 2>&1 | tee -a test-output/suite.log
npx vitest run test/pii --reporter=default --reporter=json --outputFile.json=test-output/pii-scan.json 2>&1 | tee test-output/pii-scan.log

# One plain closing line for both runs, so CI can tell how many tests ran.
node -e '
  const runs = ["suite", "soak", "pii-scan"].map((n) => require("./test-output/" + n + ".json"));
  const sum = (k) => runs.reduce((t, r) => t + r[k], 0);
  console.log("tests: " + sum("numPassedTests") + " passed, " + sum("numFailedTests") + " failed, " + (sum("numPendingTests") + sum("numTodoTests")) + " skipped");
'
