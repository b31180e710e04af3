// Where Monaco's files are served, read by next.config.js (plain JS: Next loads
// its config before any TypeScript) and scripts/copy-monaco.mjs, which copies
// them there. The URL carries Monaco's version, so a file under it never
// changes and browsers may keep it for a year without asking again: a new
// Monaco is a new URL.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function monacoVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/monaco-editor/package.json'), 'utf8')).version;
}

/** URL path of Monaco's `vs` folder, e.g. /monaco/0.57.0/vs (public/monaco/0.57.0/vs on disk). */
export function monacoVsPath() {
  return `/monaco/${monacoVersion()}/vs`;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** @returns {{ source: string, headers: { key: string, value: string }[] }} */
export function monacoCacheRule() {
  return { source: '/monaco/:version/vs/:path*', headers: [{ key: 'Cache-Control', value: IMMUTABLE }] };
}
