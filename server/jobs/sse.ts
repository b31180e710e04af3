import 'server-only';
import type { StoredEvent } from '@/lib/events';
import { subscribe } from './job-log';

/**
 * A job's events as Server-Sent Events. `Last-Event-ID` (sent by EventSource on
 * reconnect) or `?after=` resumes; otherwise the whole log is replayed, then live
 * events follow until `done`.
 */
export function sseResponse(jobId: string, request: Request): Response {
  const url = new URL(request.url);
  const raw = request.headers.get('last-event-id') ?? url.searchParams.get('after') ?? '0';
  const after = Number.isSafeInteger(Number(raw)) && Number(raw) > 0 ? Number(raw) : 0;
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort());
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          abort.abort(); // the client went away
        }
      };
      send('retry: 1000\n\n');
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), 15_000);
      try {
        for await (const event of subscribe(jobId, after, abort.signal)) send(format(event));
      } finally {
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // already closed
        }
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

function format(event: StoredEvent) {
  const { id, ...data } = event;
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}
