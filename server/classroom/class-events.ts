import 'server-only';
import { getClass } from '../db/classes';
import { log } from '../log';
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
  const lastId = Number(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? NaN);
  let cursor = Number.isSafeInteger(lastId) && lastId > 0 ? lastId : Date.now() - HISTORY_MS;
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort());
  const encoder = new TextEncoder();
  const seen = new Set<string>();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          abort.abort();
        }
      };
      send('retry: 2000\n\n');
      let lastGrid = '';
      let lastBeat = Date.now();
      while (!abort.signal.aborted) {
        try {
          const cls = getClass(classId);
          if (!cls) break;
          const grid = JSON.stringify(await classGrid(cls));
          if (grid !== lastGrid) {
            lastGrid = grid;
            send(`event: grid\ndata: ${grid}\n\n`);
          }
          // Overlap the window a little: a build changed in the same millisecond as the
          // cursor, but after the last poll, must not be missed (`seen` drops repeats).
          const { items, cursor: next } = activitySince(classId, cursor - 2000);
          for (const item of items) {
            if (seen.has(item.key)) continue;
            seen.add(item.key);
            send(`id: ${next}\nevent: activity\ndata: ${JSON.stringify(item)}\n\n`);
          }
          cursor = Math.max(cursor, next);
          if (Date.now() - lastBeat > 15_000) {
            send(': keep-alive\n\n');
            lastBeat = Date.now();
          }
        } catch (err) {
          log.warn('class event stream poll failed', { class: classId, error: String(err) });
        }
        await sleep(intervalMs, abort.signal);
      }
      try {
        controller.close();
      } catch {
        // already closed
      }
    },
    cancel() {
      abort.abort();
    },
  });

  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
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
