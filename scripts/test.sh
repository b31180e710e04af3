#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start`, then every test against the real sandbox engine.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# A build and a database of the tests' own: a server started by `npm start` in this
# checkout keeps running, undisturbed, while the tests run.
export LAYERLAB_NEXT_DIR=.next-test
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

bash scripts/setup.sh --test

step "Type check"
npx tsc --noEmit

step "Lint (ESLint: Next.js and React hooks rules) and formatting (Prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Formatting differs: run npm run format" >&2; exit 1; }

# Both Vitest projects: `unit` (no engine, files in parallel) first, then `engine`
# (`*.engine.test.ts`, one file at a time).
step "Unit and integration tests (Vitest projects unit, then engine)"
npx vitest run

step "Lessons (npm run lessons:check)"
npm run -s lessons:check

step "Building the web app"
npx next build

step "End-to-end tests (Playwright, Chromium, real engine)"
npx playwright test
