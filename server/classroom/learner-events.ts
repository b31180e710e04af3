import 'server-only';
import { log } from '../log';
import { sseResponse } from '../sse-response';
import { learnerClassView } from './classes';

/**
 * The learner's live class status (SSE): a `status` event with GET /api/me's
 * answer at once and whenever it changes — pause, unpause, reason, visible
 * lessons — so the Build button follows the instructor within a second.
 * Polls the database like the dashboard's stream: every path that changes a
 * class is seen.
 */
export function learnerEventsResponse(learner: string, request: Request, intervalMs = 500): Response {
  return sseResponse(request, 2000, async (out) => {
    let last = '';
    while (!out.signal.aborted) {
      try {
        const view = learnerClassView(learner);
        const key = JSON.stringify(view);
        if (key !== last) {
          last = key;
          out.event('status', view);
        }
      } catch (err) {
        log.warn('learner event stream poll failed', { learner, error: String(err) });
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, intervalMs);
        function done() {
          clearTimeout(t);
          out.signal.removeEventListener('abort', done);
          resolve();
        }
        out.signal.addEventListener('abort', done);
      });
    }
  });
}
