#!/usr/bin/env bash
# `npm run bench`: what the figures need on a fresh machine (the same tools as `npm test`), the
# Vercel build output the cold-start rows measure, then the table (scripts/bench.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-tools.sh
ensure_chromium '[bench]' "the widget rows (w.js next to Plausible's tracker) will be missing"
ensure_redis '[bench]' 'the Upstash cold-start row will be skipped'
ensure_openssl '[bench]' 'the widget rows will be missing (their page is served over HTTPS)'

bash scripts/vercel-build.sh
exec npx tsx --conditions=source scripts/bench.ts
