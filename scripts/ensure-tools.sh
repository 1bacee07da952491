# Sourced by scripts/test.sh and scripts/bench.sh: what the suite and the benchmarks need on a fresh
# machine. Chromium, Redis and openssl come from Debian's packages; nothing is downloaded by a test
# tool itself (CI reaches only the npm registry and Debian). Each function takes the label its
# messages start with and what happens without the tool; a tool that cannot be had is a loud
# notice, not an exit: the caller decides (the suite fails under CI=true, the bench prints the
# section as crashed).

can_apt() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() { # label, what happens without it
  if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then return; fi
  if can_apt; then
    echo "$1 installing Debian chromium"
    apt_install chromium && return
  fi
  echo "$1 NOTICE: no chromium and no way to install it: $2"
}

redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

ensure_redis() { # label, what happens without it
  if redis_up; then return; fi
  if ! command -v redis-server >/dev/null 2>&1 && can_apt; then
    echo "$1 installing Debian redis-server"
    apt_install redis-server || true
  fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "$1 starting redis-server on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 1 50); do redis_up && return; sleep 0.1; done
  fi
  echo "$1 NOTICE: no Redis on 127.0.0.1:6379: $2"
}

ensure_openssl() { # label, what happens without it
  if command -v openssl >/dev/null 2>&1; then return; fi
  if can_apt; then
    echo "$1 installing Debian openssl"
    apt_install openssl && return
  fi
  echo "$1 NOTICE: no openssl and no way to install it: $2"
}
