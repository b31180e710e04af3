import 'server-only';
import { getClass } from '../db/class-store';
import { log } from '../log';
import { lastEventId, sseResponse } from '../sse-response';
import { activitySince } from './activity';
import { classGrid } from './dashboard';

/**
 * The dashboard's live stream (SSE): a `grid` event whenever the roster × lessons
 * grid changes and an `activity` event per build started or finished. It polls
 * the database rather than hooking the job system, so it sees every change —
 * builds, checks, joins, resets — whichever code path made it. Event ids are
 * database timestamps: EventSource's Last-Event-ID resumes the feed.
 */

const HISTORY_MS = 60 * 60_000;

export function classEventsResponse(classId: string, request: Request, intervalMs = 1000): Response {
  let cursor = lastEventId(request) ?? Date.now() - HISTORY_MS;
  const seen = new Set<string>();

  return sseResponse(request, 2000, async (out) => {
    let lastGrid = '';
    while (!out.signal.aborted) {
      try {
        const cls = getClass(classId);
        if (!cls) break;
        const grid = await classGrid(cls);
        const key = JSON.stringify(grid);
        if (key !== lastGrid) {
          lastGrid = key;
          out.event('grid', grid);
        }
        // Overlap the window a little: a build changed in the same millisecond as the
        // cursor, but after the last poll, must not be missed (`seen` drops repeats).
        const { items, cursor: next } = activitySince(classId, cursor - 2000);
        for (const item of items) {
          if (seen.has(item.key)) continue;
          seen.add(item.key);
          out.event('activity', item, next);
        }
        cursor = Math.max(cursor, next);
      } catch (err) {
        log.warn('class event stream poll failed', { class: classId, error: String(err) });
      }
      await sleep(intervalMs, out.signal);
    }
  });
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
