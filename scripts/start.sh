#!/usr/bin/env bash
# `npm start`: set up everything, build the web app, serve it on http://localhost:${LAYERLAB_PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh
# Rebuilding the web app under a running server would break it: refuse instead.
npm run -s config -- --not-running
printf '\n\033[1m==> Building the web app\033[0m\n'
npx next build
port="${LAYERLAB_PORT:-3000}"
printf '\n\033[1m==> Layerlab is starting on http://localhost:%s\033[0m\n' "$port"
exec npx next start -p "$port"
