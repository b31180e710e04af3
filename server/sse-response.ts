import 'server-only';

/** What a Server-Sent Events producer writes with; `signal` aborts when the client goes away. */
export interface SseWriter {
  event(name: string, data: unknown, id?: number): void;
  signal: AbortSignal;
}

const KEEP_ALIVE_MS = 15_000;

/** The resume point a reconnecting client asks for: `Last-Event-ID` (EventSource sets it) or `?after=`. */
export function lastEventId(request: Request): number | undefined {
  const raw = Number(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? NaN);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
}

/**
 * A `text/event-stream` response fed by `produce`. Keeps idle connections alive
 * through proxies, tells the browser how soon to reconnect, and closes the stream
 * when `produce` returns; a client that leaves aborts `signal`.
 */
export function sseResponse(request: Request, retryMs: number, produce: (out: SseWriter) => Promise<void>): Response {
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
      const writer: SseWriter = {
        event: (name, data, id) => send(`${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
        signal: abort.signal,
      };
      send(`retry: ${retryMs}\n\n`);
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      try {
        await produce(writer);
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
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
    },
  });
}
