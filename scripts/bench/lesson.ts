import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../../server/config';
import type { ContextFile } from '@/lib/build-context';

/** The seed lesson's reference solution: the build context every section starts from. */

export const SEED_LESSON = 'building-your-first-docker-image';
const lessonDir = () => path.join(config().lessonsDir, '01-building-your-first-docker-image');
export const seedDir = () => path.join(lessonDir(), 'solution');

function readDir(dir: string): ContextFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { path: path.relative(dir, full), content: fs.readFileSync(full, 'utf8') };
    });
}

/** A lesson's solution holds only the files it changes: it is laid over the lesson's starting files. */
export function readContext(dir?: string): ContextFile[] {
  if (dir) return readDir(dir);
  const files = new Map(readDir(path.join(lessonDir(), 'files')).map((f) => [f.path, f]));
  for (const f of readDir(seedDir())) files.set(f.path, f);
  return [...files.values()];
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
