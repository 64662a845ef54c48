#!/usr/bin/env bash
# `npm run cluster`: install what a local cluster needs (npm packages; Debian's redis-server,
# postgresql and haproxy), build if needed, and run `pitboss cluster` (docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --cluster
bash scripts/build.sh
exec node dist/src/cli.js cluster "$@"
