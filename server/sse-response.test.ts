import { describe, expect, it } from 'vitest';
import { lastEventId, sseResponse } from './sse-response';

describe('sseResponse', () => {
  it('writes the retry hint, then each event with its id, and ends when the producer returns', async () => {
    const res = sseResponse(new Request('http://x/e'), 1500, async (out) => {
      out.event('log', { text: 'a\nb' }, 7);
      out.event('grid', { n: 1 });
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await res.text()).toBe('retry: 1500\n\nid: 7\nevent: log\ndata: {"text":"a\\nb"}\n\nevent: grid\ndata: {"n":1}\n\n');
  });

  it('aborts the producer when the client goes away', async () => {
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const res = sseResponse(new Request('http://x/e', { signal: client.signal }), 1000, async (out) => {
      seen = out.signal;
      await new Promise((resolve) => out.signal.addEventListener('abort', resolve));
    });
    const reader = res.body!.getReader();
    await reader.read(); // the retry hint: the producer is running
    client.abort();
    await reader.closed.catch(() => undefined);
    expect(seen?.aborted).toBe(true);
  });
});

describe('lastEventId', () => {
  it('reads Last-Event-ID, else ?after=, and ignores anything but a positive integer', () => {
    expect(lastEventId(new Request('http://x/e', { headers: { 'Last-Event-ID': '42' } }))).toBe(42);
    expect(lastEventId(new Request('http://x/e?after=9'))).toBe(9);
    for (const bad of ['0', '-3', '1.5', 'abc', '1e400']) expect(lastEventId(new Request(`http://x/e?after=${bad}`)), bad).toBeUndefined();
    expect(lastEventId(new Request('http://x/e'))).toBeUndefined();
  });
});
