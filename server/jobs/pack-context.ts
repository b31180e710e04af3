import 'server-only';
import { pack } from 'tar-stream';
import type { ContextFile } from '@/lib/build-context';

/** Packs an (already validated) build context into a tar for `/build`. */
export async function packContext(files: ContextFile[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  // Fixed mtime and mode: identical contexts give identical tars, so the build cache hits.
  for (const f of files) {
    tar.entry({ name: f.path, mode: 0o644, mtime: new Date(0), type: 'file' }, Buffer.from(f.content, 'utf8'));
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}
