#!/usr/bin/env bash
# Installs what the project needs when it is missing: npm packages always; Debian packages
# (chromium for the browser tests, prometheus and nginx for the deploy/ checks; redis-server,
# postgresql and haproxy for the cluster) only when asked: --system installs all of them (the
# test line), --cluster only the cluster's three (`pitboss cluster`). The peer servers of
# bench:peers (bench/peers/package.json: Colyseus) are a package of their own, installed by
# --system and --peers only, so that `npm start` never downloads them. Idempotent and quiet when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# better-sqlite3 compiles from source (.prebuild-installrc: no prebuilt binary is downloaded).
export npm_config_loglevel=error

stamp=node_modules/.pitboss-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # The wait is SQLite's C source compiling once (~1.5 min of one core here): say so, and how long.
  echo "› installing npm packages — the first time this compiles SQLite (better-sqlite3) from source, 1–2 minutes"
  started=$SECONDS
  npm ci --no-audit --no-fund
  touch "$stamp"
  echo "› npm packages installed in $((SECONDS - started)) s"
fi

peers_stamp=bench/peers/node_modules/.pitboss-installed
if { [ "${1:-}" = "--system" ] || [ "${1:-}" = "--peers" ]; } &&
  { [ ! -f "$peers_stamp" ] || [ bench/peers/package-lock.json -nt "$peers_stamp" ]; }; then
  echo "› installing the peer servers of bench:peers (bench/peers)"
  npm ci --prefix bench/peers --no-audit --no-fund
  touch "$peers_stamp"
fi

if [ "${1:-}" = "--system" ] || [ "${1:-}" = "--cluster" ]; then
  missing=()
  [ "${1:-}" = "--system" ] && { command -v chromium >/dev/null 2>&1 || missing+=(chromium); }
  # promtool and nginx, to check the files under deploy/ (their servers are not started as services).
  [ "${1:-}" = "--system" ] && { command -v promtool >/dev/null 2>&1 || missing+=(prometheus); }
  [ "${1:-}" = "--system" ] && { command -v nginx >/dev/null 2>&1 || missing+=(nginx); }
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
  # PostgreSQL's server binaries live under /usr/lib/postgresql/<version>/bin, not on PATH.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "› installing Debian packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
