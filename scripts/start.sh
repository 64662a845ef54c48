#!/usr/bin/env bash
# `npm start`: install if needed, build if needed, run one Pitboss node on embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build.sh
exec node dist/src/cli.js serve "$@"
