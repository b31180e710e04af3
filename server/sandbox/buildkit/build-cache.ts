import 'server-only';
import type Docker from 'dockerode';

/**
 * BuildKit keeps its own cache (layers of every step, `RUN --mount=type=cache`
 * data) apart from images: `docker image prune` never frees it. The GC keeps it
 * within a disk budget with `POST /build/prune?keep-storage=N` (what
 * `docker builder prune --keep-storage N` sends): BuildKit drops the least recently
 * used records until at most N bytes are left, never the ones a running build uses.
 */
export type BuildCachePrune = { reclaimedBytes: number; records: number };

/** `filters` as `docker builder prune --filter` takes them (e.g. `{ id: [...] }`), to prune only some records. */
export async function pruneBuildCache(d: Docker, keepBytes: number, filters?: Record<string, string[]>): Promise<BuildCachePrune> {
  const keep = Math.max(0, Math.floor(keepBytes));
  const res = await new Promise<{ SpaceReclaimed?: number; CachesDeleted?: string[] | null }>((resolve, reject) =>
    d.modem.dial(
      // docker-modem appends `options` to a path ending in `?` as the query (objects as JSON).
      {
        path: '/build/prune?',
        method: 'POST',
        options: { 'keep-storage': keep, ...(filters && { filters }) },
        statusCodes: { 200: true, 500: 'server error' },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve((data ?? {}) as { SpaceReclaimed?: number })),
    ),
  );
  return { reclaimedBytes: res.SpaceReclaimed ?? 0, records: res.CachesDeleted?.length ?? 0 };
}

export type BuildCacheRecord = { ID: string; Size?: number; Description?: string; InUse?: boolean; Shared?: boolean };

/** BuildKit's cache records (`docker system df -v`'s "Build cache"). */
export async function buildCacheRecords(d: Docker): Promise<BuildCacheRecord[]> {
  const df = (await d.df()) as { BuildCache?: BuildCacheRecord[] | null };
  return df.BuildCache ?? [];
}
