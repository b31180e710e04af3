# Layerlab's web app as an image. It does not contain the sandbox engine:
# point LAYERLAB_DOCKER_HOST at one (tcp:// with LAYERLAB_DOCKER_TLS_DIR, or a
# mounted unix socket) — see docs/deploy.md.

# ---- dependencies (with the toolchain better-sqlite3 may need to compile) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts/copy-monaco.mjs scripts/copy-monaco.mjs
COPY server/monaco-assets.mjs server/monaco-assets.mjs
RUN npm ci --no-audit --no-fund

# ---- build ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The editor is served by us (no CDN): copy Monaco into public/ as postinstall does.
RUN node scripts/copy-monaco.mjs \
 && npx next build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: no compilers, not root ----
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    LAYERLAB_SANDBOX_DIR=/data \
    LAYERLAB_DB_PATH=/data/layerlab.db
COPY --from=build --chown=node:node /app/package.json /app/next.config.js ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/lessons ./lessons
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/next/dist/bin/next", "start", "-p", "3000"]
