#!/usr/bin/env bash
# `npm test`: everything the suite needs on a fresh machine, then the suite.
# Chromium and Redis come from Debian's packages; nothing is downloaded by a
# test tool itself (CI reaches only the npm registry and Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Debian chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[test] NOTICE: no chromium and no way to install it; browser tests will skip (fail under CI=true)"
  fi
}

redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

ensure_redis() {
  if redis_up; then return; fi
  if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Debian redis-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "[test] starting redis-server on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 1 50); do redis_up && return; sleep 0.1; done
  fi
  echo "[test] NOTICE: no Redis on 127.0.0.1:6379; Redis tests will skip (fail under CI=true)"
}

ensure_openssl() {
  # the browser tests serve the README's topology over HTTPS with a certificate openssl makes (test/support/tls.ts)
  if command -v openssl >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Debian openssl for the HTTPS test servers"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  fi
}

ensure_chromium
ensure_redis
ensure_openssl

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
