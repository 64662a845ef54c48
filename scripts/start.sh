#!/usr/bin/env bash
# `npm start`: install if needed, build if needed, run one Pitboss node on embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build.sh
# --max-semi-space-size: see src/launcher/node-runtime-flags.ts (measured −9 to −17 % CPU per action).
exec node --max-semi-space-size=64 dist/src/cli.js serve "$@"
