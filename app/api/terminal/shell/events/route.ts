import { AppError } from '@/server/errors';
import { route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { lastEventId, sseResponse } from '@/server/sse-response';
import { shells } from '@/server/terminal/shell-sessions';

export const dynamic = 'force-dynamic';

/**
 * The learner's shell output as Server-Sent Events (`output`, then one `end`).
 * A reconnect with Last-Event-ID resumes; a new page gets the recent screen first.
 */
export const GET = route(async (req: Request) => {
  const session = shells().get(await currentLearner());
  if (!session) throw new AppError('not_found', 'No shell is open.');
  const after = lastEventId(req) ?? 0;
  return sseResponse(req, 500, (out) => {
    return new Promise<void>((resolve) => {
      const stop = session.subscribe(after, (e) => {
        out.event(e.type, e, e.seq);
        if (e.type === 'end') finish();
      });
      function finish() {
        stop();
        resolve();
      }
      if (session.ended) finish();
      out.signal.addEventListener('abort', finish, { once: true });
    });
  });
});
