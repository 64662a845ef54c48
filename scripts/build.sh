#!/usr/bin/env bash
# Compiles the server to dist/ (and the web client, once it exists) when sources changed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.built
if [ ! -f "$stamp" ] || [ -n "$(find src web package.json tsconfig.json tsconfig.build.json -newer "$stamp" -type f 2>/dev/null | head -n1)" ]; then
  echo "› building"
  rm -rf dist
  npx tsc -p tsconfig.build.json
  if [ -f web/vite.config.ts ]; then npx vite build --config web/vite.config.ts --logLevel warn; fi
  touch "$stamp"
fi
