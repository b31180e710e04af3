import 'server-only';
import { findCatalogEntry } from '@/lib/image-catalog';
import { provisionImages, type ProvisionResult } from '../images/provision';
import { catalogStatus, type ImageStatus } from '../images/status';
import { getLesson, listLessons } from '../lessons';
import { log } from '../log';
import { singleton } from '../singleton';

/**
 * Before class, the instructor warms the base images the lessons use, so the
 * first build of thirty learners does not wait on a stand-in being built. One
 * warm-up runs at a time in the background; its progress is polled.
 */

type Warmup = { running: boolean; startedAt?: number; finishedAt?: number; lines: string[]; results?: ProvisionResult[]; error?: string };

const state = () => singleton<Warmup>('image-warmup', () => ({ running: false, lines: [] }));

/** Catalog images the lessons declare (frontmatter `images:`, checked against their Dockerfiles at load). */
export async function lessonBaseImages(slugs?: string[]): Promise<Map<string, string[]>> {
  const byRef = new Map<string, string[]>();
  for (const summary of await listLessons()) {
    if (slugs && !slugs.includes(summary.slug)) continue;
    const lesson = await getLesson(summary.slug);
    for (const declared of lesson?.images ?? []) {
      const ref = findCatalogEntry(declared)?.ref;
      if (ref && !byRef.get(ref)?.includes(summary.slug)) byRef.set(ref, [...(byRef.get(ref) ?? []), summary.slug]);
    }
  }
  return byRef;
}

export type ImageRow = ImageStatus & { lessons: string[] };

export async function imagesOverview(slugs?: string[]): Promise<{ images: ImageRow[]; warmup: Warmup }> {
  const used = await lessonBaseImages(slugs);
  const status = await catalogStatus();
  const { running, startedAt, finishedAt, lines, error } = state();
  return {
    images: status.map((s) => ({ ...s, lessons: used.get(s.ref) ?? [] })),
    warmup: { running, startedAt, finishedAt, lines: lines.slice(-30), error },
  };
}

/** Starts warming `refs` (all catalog images when empty); false if a warm-up is already running. */
export function startWarmup(refs: string[]): boolean {
  const s = state();
  if (s.running) return false;
  Object.assign(s, { running: true, startedAt: Date.now(), finishedAt: undefined, lines: [], results: undefined, error: undefined });
  log.info('image warm-up started', { images: refs.length ? refs : 'all' });
  provisionImages({ only: refs.length ? refs : undefined, log: (line) => s.lines.push(line) })
    .then((results) => {
      s.results = results;
      log.info('image warm-up finished', { results: results.map((r) => ({ ref: r.ref, source: r.source, seconds: r.seconds })) });
    })
    .catch((err: Error) => {
      s.error = err.message;
      log.warn('image warm-up failed', { error: err.message });
    })
    .finally(() => {
      s.running = false;
      s.finishedAt = Date.now();
    });
  return true;
}
