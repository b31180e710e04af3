import 'server-only';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { docker } from './docker';

/**
 * The paths in every filesystem layer of an image, read from `docker image save`
 * — not from a container, whose filesystem hides what a later layer deleted. A
 * secret copied in one step and removed in the next is still in the image, and
 * this is where a check finds it.
 *
 * Layers whose diff ID is in `skip` (the base image's) are read past, not listed.
 */

export type LayerEntry = { path: string; uid: number; gid: number; type: string };
export type LayerFiles = { index: number; diffId: string; entries: LayerEntry[] };

const MAX_ENTRIES_PER_LAYER = 200_000;

export async function imageLayerFiles(image: string, skip: ReadonlySet<string> = new Set()): Promise<LayerFiles[]> {
  const img = docker().getImage(image);
  const info = await img.inspect();
  const diffIds = info.RootFS?.Layers ?? [];
  const stream = (await img.get()) as unknown as Readable;

  // Entries come in archive order; manifest.json (which says which blob is which layer) may come last.
  const byBlob = new Map<string, LayerEntry[]>();
  let manifest: { Layers?: string[] }[] | undefined;
  const outer = tar.extract();
  stream.pipe(outer);
  for await (const entry of outer) {
    const name = entry.header.name.replace(/^\.\//, '');
    if (name === 'manifest.json') {
      manifest = JSON.parse(await text(entry));
      continue;
    }
    const digest = /(?:^|\/)(?:sha256\/)?([0-9a-f]{64})(?:\/layer\.tar)?$/.exec(name)?.[1];
    if (entry.header.type !== 'file' || !digest || skip.has(`sha256:${digest}`)) {
      await drain(entry);
      continue;
    }
    const listed = await listTar(Readable.from(entry));
    if (listed) byBlob.set(name, listed);
  }
  const layers = manifest?.[0]?.Layers ?? [];
  return layers.flatMap((blob, index) => {
    const diffId = diffIds[index] ?? '';
    const entries = byBlob.get(blob.replace(/^\.\//, ''));
    return entries && !skip.has(diffId) ? [{ index, diffId, entries }] : [];
  });
}

/** The entries of a (possibly gzipped) tar, or undefined when the blob is not a tar (a config, an index). */
async function listTar(blob: Readable): Promise<LayerEntry[] | undefined> {
  const first = await peek(blob);
  if (!first) return undefined;
  const gzipped = first[0] === 0x1f && first[1] === 0x8b;
  const isTar = gzipped || (first.length >= 262 && first.subarray(257, 262).toString() === 'ustar');
  if (!isTar) {
    await drain(blob);
    return undefined;
  }
  const inner = tar.extract();
  const source = gzipped ? blob.pipe(createGunzip()) : blob;
  source.pipe(inner);
  const entries: LayerEntry[] = [];
  for await (const e of inner) {
    if (entries.length < MAX_ENTRIES_PER_LAYER) {
      entries.push({
        path: '/' + e.header.name.replace(/^\.?\//, '').replace(/\/$/, ''),
        uid: e.header.uid ?? 0,
        gid: e.header.gid ?? 0,
        type: e.header.type ?? 'file',
      });
    }
    await drain(e);
  }
  return entries;
}

/** Reads the first chunk and puts it back, so the stream can still be consumed whole. */
async function peek(stream: Readable): Promise<Buffer | undefined> {
  const chunk: Buffer | null = await new Promise((resolve, reject) => {
    const onReadable = () => {
      cleanup();
      resolve(stream.read());
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
  if (!chunk) return undefined;
  stream.unshift(chunk);
  return chunk;
}

async function text(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream); // eslint-disable-line @typescript-eslint/no-unused-vars
}
