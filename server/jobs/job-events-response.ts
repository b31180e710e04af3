import 'server-only';
import { lastEventId, sseResponse } from '../sse-response';
import { subscribe } from './job-log';

/**
 * A job's events as Server-Sent Events. `Last-Event-ID` (sent by EventSource on
 * reconnect) or `?after=` resumes; otherwise the whole log is replayed, then live
 * events follow until `done`.
 */
export function jobEventsResponse(jobId: string, request: Request): Response {
  const after = lastEventId(request) ?? 0;
  return sseResponse(request, 1000, async (out) => {
    for await (const { id, ...data } of subscribe(jobId, after, out.signal)) out.event(data.type, data, id);
  });
}
