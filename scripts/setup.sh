#!/usr/bin/env bash
# Installs what Layerlab needs on a fresh Debian/Ubuntu machine, starts the sandbox
# engine and provisions the base images. Idempotent: a second run takes seconds.
#   scripts/setup.sh          for running the platform
#   scripts/setup.sh --test   also installs Chromium for the end-to-end tests
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# No docker.io: the sandbox runs Docker Engine 26+ (the system's when it is that new,
# else Debian 13's, unpacked into ~/.cache/layerlab by `npm run sandbox -- start`).
# unshare (util-linux) and ip (iproute2) give the engine a network namespace of its own.
# skopeo: official images from a registry, when one is reachable; gcc, make, dpkg-dev: the busybox
# stand-in is compiled from Debian's source. busybox-static: the engine-fault tests build their images
# FROM scratch with the host's /bin/busybox, on an engine of their own that has no images.
packages=(runsc iproute2 util-linux tini apt dpkg debootstrap e2fsprogs xfsprogs skopeo gcc make libc6-dev dpkg-dev bzip2 xz-utils busybox-static)
[[ "${1:-}" == "--test" ]] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing packages: ${missing[*]}. Install them as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  step "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "Installing npm dependencies"
  npm ci --no-audit --no-fund
fi
# npm 11 may skip native builds: make sure better-sqlite3 really loads.
if ! node -e "new (require('better-sqlite3'))(':memory:')" 2>/dev/null; then
  step "Building better-sqlite3"
  npm rebuild better-sqlite3
fi
[[ -f "public$(node -e "import('./server/monaco-assets.mjs').then((m) => console.log(m.monacoVsPath()))")/loader.js" ]] || npm run -s postinstall

step "Checking the configuration (LAYERLAB_* variables)"
npm run -s config

step "Starting the sandbox engine"
npm run -s sandbox -- start

step "Provisioning base images"
npm run -s images
