#!/usr/bin/env bash
# `npm test`: the whole test line, the same one CI runs. Installs what it needs, then runs the
# formatter check, type-aware lint, the type checker, pure tests, end-to-end tests against real
# node processes, and browser tests in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --system
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-warnings=ExperimentalWarning"
step() { printf '\n━━ %s\n' "$*"; }
step "format";    npx prettier --check . --log-level warn
step "lint";      npx eslint . --max-warnings 0
step "typecheck"; npx tsc -p tsconfig.json --noEmit && npx tsc -p web/tsconfig.json
step "unit";      npx vitest run --project unit
step "build";     bash scripts/build.sh
step "e2e";       npx vitest run --project e2e --passWithNoTests
step "browser";   npx vitest run --project browser --passWithNoTests
printf '\n✓ all tests passed\n'
