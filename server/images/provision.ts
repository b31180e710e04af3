import 'server-only';
import { catalog, normalizeRef, type CatalogImage } from '@/lib/image-catalog';
import { config } from '../config';
import { docker } from '../sandbox/docker';
import { buildBusyboxRootfs } from './busybox-rootfs';
import { imageKey, rootfsKey } from './catalog';
import { ProvisionError } from './errors';
import { importRootfs } from './import-image';
import { tryPull } from './pull-image';
import { buildDebootstrapRootfs, readCachedRootfs, type Rootfs } from './rootfs';
import { imageStatus } from './status';

/**
 * Makes every catalog image exist in the sandbox engine: the official image
 * when a registry answers, otherwise a stand-in built from Debian packages
 * (cached as a rootfs tarball, so only the first run is slow).
 */

export type ProvisionResult = {
  ref: string;
  /** present: already there; pulled: official image; stand-in: built/imported by us now. */
  source: 'present' | 'pulled' | 'stand-in';
  /** stand-in whose rootfs came from the cache (no debootstrap). */
  fromCache?: boolean;
  standIn: boolean;
  sizeBytes?: number;
  /** Version of the main package inside (python, node, busybox). */
  version?: string;
  seconds: number;
};

export type ProvisionOptions = {
  log?: (line: string) => void;
  /** Provision only these references (any accepted spelling). */
  only?: string | string[];
  /** Rebuild stand-ins even when present and cached. */
  force?: boolean;
  signal?: AbortSignal;
};

export async function provisionImages(opts: ProvisionOptions = {}): Promise<ProvisionResult[]> {
  const log = opts.log ?? (() => undefined);
  const images = selectImages(opts.only);
  await engineForProvisioning();
  const results: ProvisionResult[] = [];
  for (const image of images) {
    opts.signal?.throwIfAborted();
    results.push(await provisionOne(image, { ...opts, log }));
  }
  return results;
}

function selectImages(only: ProvisionOptions['only']): CatalogImage[] {
  if (only === undefined) return [...catalog];
  const refs = Array.isArray(only) ? only : [only];
  return refs.map((r) => {
    const n = normalizeRef(r);
    const image = catalog.find((c) => c.ref === n);
    if (!image) {
      throw new ProvisionError('unknown-image', `${r} is not in the base-image catalog.`, `Known images: ${catalog.map((c) => c.ref).join(', ')}`);
    }
    return image;
  });
}

/** Provisioning needs the engine: a clear ProvisionError (with the command that starts it) when it does not answer. */
async function engineForProvisioning(timeoutMs = 3000): Promise<void> {
  const hint = 'Start it with: npm run sandbox -- start';
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref());
  try {
    await Promise.race([docker().ping(), timeout]);
  } catch (err) {
    throw new ProvisionError('engine-down', `The sandbox Docker engine is not reachable (${(err as Error).message}).`, hint);
  }
}

async function provisionOne(image: CatalogImage, opts: ProvisionOptions & { log: (line: string) => void }): Promise<ProvisionResult> {
  const started = Date.now();
  const secs = () => Math.round((Date.now() - started) / 100) / 10;
  const say = (phase: string, detail?: string) => opts.log(`[${image.ref}] ${phase}${detail ? `: ${detail}` : ''} (${Math.round(secs())} s)`);
  const wanted = imageKey(image);

  const before = await imageStatus(image.ref);
  const upToDate = before.present && (!before.standIn || before.recipeKey === wanted);
  if (upToDate && !opts.force) {
    return { ref: image.ref, source: 'present', standIn: before.standIn, sizeBytes: before.sizeBytes, seconds: secs() };
  }
  if (before.present && !upToDate) say('stand-in is outdated (catalog changed), rebuilding');

  if (config().allowPull) {
    say('pull', 'trying the official image');
    const pulled = await tryPull(image.ref);
    if (pulled.ok) {
      const after = await imageStatus(image.ref);
      say('pulled');
      return { ref: image.ref, source: 'pulled', standIn: false, sizeBytes: after.sizeBytes, seconds: secs() };
    }
    say('pull failed', `${pulled.reason}; building a stand-in`);
  }

  const rootfs = await standInRootfs(image, opts, say);
  say('import', rootfs.fromCache ? 'from cached rootfs' : undefined);
  await importRootfs({ tarPath: rootfs.tarPath, ref: image.ref, cfg: image.config, version: rootfs.meta.version, recipeKey: wanted });
  const after = await imageStatus(image.ref);
  if (!after.present) throw new ProvisionError('import-failed', `${image.ref} is still missing after import.`);
  if (before.present && before.standIn && before.id !== after.id) await removeQuietly(before.id);
  say('ready', formatSize(after.sizeBytes));
  return {
    ref: image.ref,
    source: 'stand-in',
    fromCache: rootfs.fromCache,
    standIn: true,
    sizeBytes: after.sizeBytes,
    version: rootfs.meta.version,
    seconds: secs(),
  };
}

async function standInRootfs(image: CatalogImage, opts: ProvisionOptions, say: (phase: string, detail?: string) => void): Promise<Rootfs> {
  const { cacheDir } = config();
  const key = rootfsKey(image);
  const name = image.ref.replace(/[^a-z0-9.-]+/g, '-');
  if (image.recipe.kind === 'busybox') return buildBusyboxRootfs({ cacheDir, key, recipe: image.recipe });
  const cached = opts.force ? undefined : readCachedRootfs(cacheDir, name, key);
  if (cached) return cached;
  say('debootstrap', `${image.recipe.suite} minbase${image.recipe.packages.length ? ` + ${image.recipe.packages.join(' ')}` : ''}`);
  return buildDebootstrapRootfs({ cacheDir, name, key, recipe: image.recipe, progress: say, signal: opts.signal });
}

/** The replaced stand-in, now untagged; the engine refuses while a learner image still builds on it, which is fine. */
async function removeQuietly(id?: string) {
  if (id) await docker().getImage(id).remove().catch(() => undefined);
}

export function formatSize(bytes?: number): string {
  if (bytes === undefined) return '?';
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}
