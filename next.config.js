import { monacoCacheRule, monacoVsPath } from './server/monaco-assets.mjs';
import { securityHeaders } from './server/security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` builds into .next-test, so a server started by `npm start` keeps its own build.
  // (Read here, not in server/config.ts: Next reads this file before any of our code.)
  distDir: process.env.LAYERLAB_NEXT_DIR || '.next',
  // dockerode pulls in ssh2, whose optional native addon must not be bundled.
  serverExternalPackages: ['dockerode', 'better-sqlite3'],
  poweredByHeader: false,
  reactStrictMode: true,
  // CSP, frame-ancestors, nosniff, referrer and permissions policy on every response
  // (server/security-headers.mjs; deploy/nginx.conf sends the same).
  // Monaco's files sit under a versioned URL (lib/monaco-path.ts): cached for a year, immutable.
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders(process.env.NODE_ENV === 'development') }, monacoCacheRule()];
  },
  env: { LAYERLAB_MONACO_VS: monacoVsPath() },
};

export default nextConfig;
