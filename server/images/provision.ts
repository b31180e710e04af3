import 'server-only';
import os from 'node:os';
import { catalog, findCatalogEntry, images, type CatalogAlias, type CatalogImage } from '@/lib/image-catalog';
import { config } from '../config';
import { pingEngine, removeImage, tagImage } from '../sandbox/engine-images';
import { buildBusyboxRootfs } from './busybox-rootfs';
import { withCacheLock } from './cache-lock';
import { imageKey, rootfsKey } from './catalog';
import { ProvisionError } from './errors';
import { importRootfs, splitRef } from './import-image';
import { pullOfficial } from './pull-image';
import { buildDebootstrapRootfs, cachePaths, readCachedRootfs, type Rootfs } from './rootfs';
import { imageStatus } from './status';

/**
 * Makes every catalog image exist in the sandbox engine: the official image
 * when a registry answers (and LAYERLAB_ALLOW_PULL), otherwise a stand-in built
 * from Debian packages (cached as a rootfs tarball under the shared cache, so
 * only the first run is slow). Images are provisioned side by side, as many at
 * once as the machine has cores (at most 3); legacy aliases are tagged last.
 */

export type ProvisionResult = {
  ref: string;
  /** present: already there; pulled: official image; stand-in: built/imported by us now; alias: legacy name tagged. */
  source: 'present' | 'pulled' | 'stand-in' | 'alias';
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
  const { targets, aliases } = selectImages(opts.only);
  await engineForProvisioning();
  const pull: PullState = { enabled: config().allowPull, down: undefined };
  const todo = opts.force ? targets : await missingOrOutdated(targets);
  if (todo.length) announce(todo, log, pull.enabled);
  const results = await inParallel(targets, concurrency(), (image) => provisionOne(image, { ...opts, log }, pull));
  for (const alias of aliases) results.push(await tagAlias(alias, log));
  return results;
}

type PullState = { enabled: boolean; down?: string };

export function concurrency(): number {
  return Math.max(1, Math.min(3, os.availableParallelism()));
}

/** Catalog images to provision (scratch needs nothing) and aliases to tag; an alias brings its image along. */
function selectImages(only: ProvisionOptions['only']): { targets: CatalogImage[]; aliases: CatalogAlias[] } {
  const real = (i: CatalogImage) => i.recipe.kind !== 'scratch';
  if (only === undefined) return { targets: images.filter(real), aliases: catalog.filter((c): c is CatalogAlias => c.kind === 'alias') };
  const refs = Array.isArray(only) ? only : [only];
  const targets = new Set<CatalogImage>();
  const aliases: CatalogAlias[] = [];
  for (const r of refs) {
    const entry = findCatalogEntry(r);
    if (!entry) {
      throw new ProvisionError(
        'unknown-image',
        `${r} is not in the base-image catalog.`,
        `Known images: ${catalog.map((c) => c.ref).join(', ')}`,
      );
    }
    if (entry.kind === 'alias') {
      aliases.push(entry);
      targets.add(images.find((i) => i.ref === entry.aliasOf)!);
    } else if (real(entry)) targets.add(entry);
  }
  return { targets: [...targets], aliases };
}

async function missingOrOutdated(targets: CatalogImage[]): Promise<CatalogImage[]> {
  const status = await Promise.all(targets.map((t) => imageStatus(t.ref)));
  return targets.filter((t, i) => !status[i].present || (status[i].standIn && status[i].recipeKey !== imageKey(t)));
}

/** Rough cost of building a stand-in from nothing: measured on a busy 2-core machine (see README); an idle one is faster. */
function coldSeconds(image: CatalogImage): number {
  if (image.recipe.kind === 'busybox-source') return 300;
  if (image.recipe.kind !== 'debootstrap') return 0;
  return 180 + 20 * image.recipe.packages.length + 20 * (image.recipe.npm?.length ?? 0) + (image.recipe.prime ? 120 : 0);
}

/** A first run says what it is about to do and roughly how long it takes. */
function announce(todo: CatalogImage[], log: (line: string) => void, pulling: boolean) {
  const { cacheDir } = config();
  const cold = todo.filter((i) => !readCachedRootfs(cacheDir, cacheName(i), rootfsKey(i)));
  const seconds = Math.ceil(cold.reduce((s, i) => s + coldSeconds(i), 0) / concurrency()) + 5 * (todo.length - cold.length);
  const eta = seconds >= 90 ? `up to ${Math.round(seconds / 60)} min` : `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  log(
    `provisioning ${todo.length} base image${todo.length === 1 ? '' : 's'} (${todo.map((i) => i.ref).join(', ')}), ${concurrency()} at a time: ${eta}` +
      (cold.length
        ? `; ${cold.length} built from Debian packages for the first time (cached in ${cacheDir} afterwards)`
        : '; from the cache') +
      (pulling ? '; official images are tried first' : ''),
  );
}

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A legacy name: the catalog image it stands for, tagged under the old reference. */
async function tagAlias(alias: CatalogAlias, log: (line: string) => void): Promise<ProvisionResult> {
  const started = Date.now();
  const [target, before] = await Promise.all([imageStatus(alias.aliasOf), imageStatus(alias.ref)]);
  if (!target.present)
    throw new ProvisionError('import-failed', `${alias.aliasOf} is missing, so its legacy name ${alias.ref} cannot be tagged.`);
  if (before.id !== target.id) {
    const [repo, tag] = splitRef(alias.ref);
    await tagImage(target.id!, repo, tag);
    log(`[${alias.ref}] tagged as a legacy name for ${alias.aliasOf}`);
  }
  return {
    ref: alias.ref,
    source: before.id === target.id ? 'present' : 'alias',
    standIn: target.standIn,
    sizeBytes: target.sizeBytes,
    version: target.version,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** Provisioning needs the engine: a clear ProvisionError (with the command that starts it) when it does not answer. */
async function engineForProvisioning(timeoutMs = 3000): Promise<void> {
  const hint = 'Start it with: npm run sandbox -- start';
  try {
    await pingEngine(timeoutMs);
  } catch (err) {
    throw new ProvisionError('engine-down', `The sandbox Docker engine is not reachable (${(err as Error).message}).`, hint);
  }
}

async function provisionOne(
  image: CatalogImage,
  opts: ProvisionOptions & { log: (line: string) => void },
  pull: PullState,
): Promise<ProvisionResult> {
  const started = Date.now();
  const secs = () => Math.round((Date.now() - started) / 100) / 10;
  const say = (phase: string, detail?: string) =>
    opts.log(`[${image.ref}] ${phase}${detail ? `: ${detail}` : ''} (${Math.round(secs())} s)`);
  const wanted = imageKey(image);

  const before = await imageStatus(image.ref);
  const upToDate = before.present && (!before.standIn || before.recipeKey === wanted);
  if (upToDate && !opts.force) {
    return {
      ref: image.ref,
      source: 'present',
      standIn: before.standIn,
      sizeBytes: before.sizeBytes,
      version: before.version,
      seconds: secs(),
    };
  }
  if (before.present && !upToDate) say('stand-in is outdated (catalog changed), rebuilding');

  if (pull.enabled && !pull.down) {
    say('pull', `official ${image.official} with skopeo`);
    const pulled = await pullOfficial(image, { cacheDir: config().cacheDir, log: (l) => say('pull', l), signal: opts.signal });
    if (pulled.ok) {
      const after = await imageStatus(image.ref);
      say('pulled', pulled.digest);
      return { ref: image.ref, source: 'pulled', standIn: false, sizeBytes: after.sizeBytes, seconds: secs() };
    }
    if (pulled.registryDown) {
      // Said once for the whole run: every other image would fail the same way.
      if (!pull.down) opts.log(`no registry reachable (${pulled.reason}): using stand-ins built from Debian packages`);
      pull.down = pulled.reason;
    } else say('pull failed', `${pulled.reason}; building a stand-in`);
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

const cacheName = (image: CatalogImage) => image.ref.replace(/[^a-z0-9.-]+/g, '-');

async function standInRootfs(image: CatalogImage, opts: ProvisionOptions, say: (phase: string, detail?: string) => void): Promise<Rootfs> {
  const { cacheDir } = config();
  const key = rootfsKey(image);
  const name = cacheName(image);
  const recipe = image.recipe;
  if (recipe.kind === 'scratch') throw new ProvisionError('unknown-image', 'scratch is built into Docker; there is nothing to provision.');
  const cached = opts.force ? undefined : readCachedRootfs(cacheDir, name, key);
  if (cached) return cached;
  const lock = cachePaths(cacheDir, name, key).lock;
  return withCacheLock(
    lock,
    (pid) => say('waiting', `process ${pid} is building the same rootfs`),
    async () => {
      // Built by whoever held the lock before us?
      const now = opts.force ? undefined : readCachedRootfs(cacheDir, name, key);
      if (now) return now;
      if (recipe.kind === 'busybox-source') return buildBusyboxRootfs({ cacheDir, name, key, recipe, progress: say, signal: opts.signal });
      say('debootstrap', `${recipe.suite} minbase${recipe.packages.length ? ` + ${recipe.packages.join(' ')}` : ''}`);
      return buildDebootstrapRootfs({ cacheDir, name, key, recipe, progress: say, signal: opts.signal });
    },
    opts.signal,
  );
}

/** The replaced stand-in, now untagged; the engine refuses while a learner image still builds on it, which is fine. */
async function removeQuietly(id?: string) {
  if (id) await removeImage(id).catch(() => undefined);
}

export function formatSize(bytes?: number): string {
  if (bytes === undefined) return '?';
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}
