// Copies Monaco's prebuilt AMD bundle into public/ so the editor is served by
// Layerlab itself: @monaco-editor/react would otherwise fetch it from a CDN,
// which classrooms (and our sandbox) cannot reach. Runs on postinstall.
// The folder is named for Monaco's version (server/monaco-assets.mjs), so it can be cached forever.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monacoVsPath } from '../server/monaco-assets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/monaco-editor/min/vs');
const to = join(root, 'public', monacoVsPath());

if (!existsSync(from)) {
  console.error(`copy-monaco: ${from} is missing; is monaco-editor installed?`);
  process.exit(1);
}
// Older versions' folders go too: only the installed Monaco is served.
rmSync(join(root, 'public/monaco'), { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log(`copy-monaco: public${monacoVsPath()} is ready`);
