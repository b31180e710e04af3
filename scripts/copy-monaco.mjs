// Copies Monaco's prebuilt AMD bundle into public/ so the editor is served by
// Layerlab itself: @monaco-editor/react would otherwise fetch it from a CDN,
// which classrooms (and our sandbox) cannot reach. Runs on postinstall.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/monaco-editor/min/vs');
const to = join(root, 'public/monaco/vs');

if (!existsSync(from)) {
  console.error(`copy-monaco: ${from} is missing; is monaco-editor installed?`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log('copy-monaco: public/monaco/vs is ready');
