import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../../server/config';
import type { ContextFile } from './client';

/** The seed lesson's reference solution: the build context every section starts from. */

export const SEED_LESSON = 'building-your-first-docker-image';
export const seedDir = () => path.join(config().lessonsDir, '01-building-your-first-docker-image', 'solution');

export function readContext(dir = seedDir()): ContextFile[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { path: path.relative(dir, full), content: fs.readFileSync(full, 'utf8') };
    });
}

/** The same files in a temporary folder, for the docker CLI. */
export function writeTempContext(files: ContextFile[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-ctx-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.content);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
