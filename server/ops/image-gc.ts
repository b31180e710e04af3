import 'server-only';
import { config } from '../config';
import { lastUseOfRefs, refsInUse } from '../db/job-stats';
import { log } from '../log';
import { listImages, pruneBuildCacheTo, pruneDanglingImages, removeImage } from '../sandbox/engine-images';
import { learnerOfImageRef } from '../sandbox/learner-namespace';

/**
 * Garbage-collects learners' images (`layerlab-<learner>/name:tag`, no labels):
 * first those unused for longer than the idle limit, then, while the total is
 * over the disk budget, the least recently used. "Used" means built or run, from
 * the job store; an image no job of ours mentions belongs to another server on
 * the same engine and is left alone. Images a queued or running job needs are
 * never touched. Then dangling leftovers of failed builds are pruned, when no job
 * is running and only those older than any build (a build in progress elsewhere
 * has dangling intermediates of its own). Last, BuildKit's build cache is pruned
 * down to its own budget (LAYERLAB_BUILD_CACHE_GB); records in use are never pruned.
 */

export type RemovedImage = { ref: string; learner: string; reason: 'idle' | 'budget'; freedBytes: number };
export type GcReport = {
  removed: RemovedImage[];
  freedBytes: number;
  prunedBytes: number;
  /** Freed from BuildKit's build cache (its budget is separate from the images'). */
  buildCacheBytes: number;
  keptImages: number;
  totalBytesAfter: number;
  errors: { ref: string; error: string }[];
};

type Entry = { ref: string; learner: string; imageId: string; sizeBytes: number; lastUse: number };

export type GcOptions = {
  now?: number;
  idleMs?: number;
  budgetBytes?: number;
  /** Consider only these learners' images (tests share the engine with other work). */
  onlyLearners?: string[];
  /** Prune dangling images too (default true). */
  pruneDangling?: boolean;
  /** Prune BuildKit's build cache down to its budget too (default true). */
  pruneBuildCache?: boolean;
};

export async function collectLearnerImages(opts: GcOptions = {}): Promise<GcReport> {
  const now = opts.now ?? Date.now();
  const idleMs = opts.idleMs ?? config().ops.imageIdleMs;
  const budget = opts.budgetBytes ?? config().ops.imageBudgetBytes;

  const images = await listImages();
  const raw = images
    .flatMap((img) =>
      (img.RepoTags ?? [])
        .map((ref) => ({ ref, learner: learnerOfImageRef(ref) }))
        .filter((t): t is { ref: string; learner: string } => t.learner !== undefined)
        .map((t) => ({ ref: t.ref, learner: t.learner, imageId: img.Id, sizeBytes: img.Size, created: img.Created * 1000 })),
    )
    .filter((e) => !opts.onlyLearners || opts.onlyLearners.includes(e.learner));
  const used = lastUseOfRefs(raw.map((e) => e.ref));
  const busy = refsInUse();
  let entries: Entry[] = raw
    .filter((e) => used.has(e.ref) && !busy.has(e.ref))
    .map((e) => ({ ref: e.ref, learner: e.learner, imageId: e.imageId, sizeBytes: e.sizeBytes, lastUse: used.get(e.ref)! }));

  // Tags per learner image (any tag, busy or not): its bytes are freed only when its last tag goes.
  const mine = new Set(raw.map((e) => e.imageId));
  const tagsOf = new Map(images.filter((i) => mine.has(i.Id)).map((i) => [i.Id, i.RepoTags?.length ?? 0]));
  const sizeOf = new Map(raw.map((e) => [e.imageId, e.sizeBytes]));

  const report: GcReport = {
    removed: [],
    freedBytes: 0,
    prunedBytes: 0,
    buildCacheBytes: 0,
    keptImages: 0,
    totalBytesAfter: 0,
    errors: [],
  };
  const remove = async (e: Entry, reason: RemovedImage['reason']) => {
    try {
      await removeImage(e.ref);
      const left = (tagsOf.get(e.imageId) ?? 1) - 1;
      tagsOf.set(e.imageId, left);
      const freed = left === 0 ? e.sizeBytes : 0;
      report.removed.push({ ref: e.ref, learner: e.learner, reason, freedBytes: freed });
      report.freedBytes += freed;
      return true;
    } catch (err) {
      // 409: a container still uses it; 404: gone meanwhile. Either way, try again next run.
      report.errors.push({ ref: e.ref, error: (err as Error).message });
      return false;
    }
  };

  for (const e of entries.filter((x) => x.lastUse < now - idleMs)) await remove(e, 'idle');
  entries = entries.filter((e) => !report.removed.some((r) => r.ref === e.ref));

  const total = () => [...tagsOf].reduce((sum, [id, tags]) => sum + (tags > 0 ? (sizeOf.get(id) ?? 0) : 0), 0);
  for (const e of [...entries].sort((a, b) => a.lastUse - b.lastUse)) {
    if (total() <= budget) break;
    if (await remove(e, 'budget')) entries = entries.filter((x) => x !== e);
  }

  if (opts.pruneDangling !== false && !busy.size) report.prunedBytes = await pruneDangling();
  if (opts.pruneBuildCache !== false) report.buildCacheBytes = await pruneCache();
  report.keptImages = [...tagsOf.values()].filter((n) => n > 0).length;
  report.totalBytesAfter = total();
  return report;
}

async function pruneDangling(): Promise<number> {
  try {
    return await pruneDanglingImages('1h');
  } catch (err) {
    log.warn('could not prune dangling images', { error: String(err) });
    return 0;
  }
}

async function pruneCache(): Promise<number> {
  try {
    return await pruneBuildCacheTo(config().ops.buildCacheBytes);
  } catch (err) {
    log.warn('could not prune the build cache', { error: String(err) });
    return 0;
  }
}
