#!/usr/bin/env bash
# `npm run build:vercel`: Vercel's own build of this repository (vercel.json's
# buildCommand puts the widget in public/ and each function's server code in
# api/_bundle/; Vercel traces the functions into .vercel/output/functions/*.func),
# with no login or network. An unlinked
# checkout gets a local project file whose empty install command keeps
# `vercel build` from reinstalling node_modules; a checkout linked to a real
# project keeps its own. Fails when the build fails or logs an error (a build
# can "complete" while printing TypeScript errors).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .vercel/project.json ]; then
  mkdir -p .vercel
  echo '{"projectId":"_local","orgId":"_local","settings":{"framework":null,"installCommand":""}}' > .vercel/project.json
fi
# The build's function bundles (scripts/bundle-functions.ts) end up in the .func folders; the copy
# in api/_bundle goes whatever happens, so nothing outside the source condition runs a stale one.
trap 'rm -rf api/_bundle' EXIT
mkdir -p test-output
log=test-output/vercel-build.log
if ! VERCEL_TELEMETRY_DISABLED=1 npx vercel build --yes >"$log" 2>&1; then
  cat "$log"; echo "[vercel-build] vercel build failed"; exit 1
fi
if grep -nE '(^|[^A-Za-z])(error TS[0-9]+|Error:)' "$log"; then
  echo "[vercel-build] vercel build logged errors (full log: $log)"; exit 1
fi
echo "[vercel-build] clean: $(find .vercel/output/functions -name '*.func' -maxdepth 4 | wc -l) functions in .vercel/output"
