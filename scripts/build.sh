#!/usr/bin/env bash
# Compiles the server and the browser client into dist/ when sources changed since the last build.
# The build goes to a temporary directory and replaces dist/ in one rename, under a lock: a node
# running from dist/ (or another build) never sees a half-written tree.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>.build.lock
flock 9

stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find src web package.json tsconfig.json tsconfig.build.json -newer "$stamp" -type f 2>/dev/null | head -n1)" ]; then
  exit 0
fi

echo "› building"
tmp=$(mktemp -d "${PWD}/.dist-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
npx tsc -p tsconfig.build.json --outDir "$tmp"
if [ -f web/vite.config.ts ]; then
  npx vite build --config web/vite.config.ts --logLevel warn --outDir "$tmp/web" --emptyOutDir
fi
touch "$tmp/.built"
old="dist.old-$$"
[ -d dist ] && mv dist "$old"
mv "$tmp" dist
rm -rf "$old"
trap - EXIT
