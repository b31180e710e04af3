import type { StoredEvent } from '@/lib/events';
import { nowEpochMs } from './stats';

/**
 * A simulated learner: its own session cookie (issued by proxy.ts on first
 * contact), the JSON API, and an SSE reader that stamps each event with the
 * moment it arrived. Loopback only.
 */

/** A stored event as received: `recvAt` is epoch ms (sub-ms) when the client parsed it. */
export type Received = StoredEvent & { recvAt: number };
export type JobResult = {
  id: string;
  /** epoch ms just before the POST */
  postAt: number;
  events: Received[];
  done?: Extract<Received, { type: 'done' }>;
};

export class Learner {
  private cookie = '';
  constructor(readonly base: string) {}

  async api(p: string, init: RequestInit = {}) {
    const res = await fetch(this.base + p, {
      ...init,
      headers: { ...(init.headers ?? {}), cookie: this.cookie, 'content-type': 'application/json' },
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  /** First contact: the session cookie. */
  async join() {
    const res = await this.api('/api/health');
    await res.arrayBuffer();
    if (!this.cookie) throw new Error('no session cookie issued');
    return this;
  }

  async submit(kind: 'build' | 'run', body: unknown): Promise<{ id: string; postAt: number }> {
    const postAt = nowEpochMs();
    const res = await this.api(kind === 'build' ? '/api/builds' : '/api/runs', { method: 'POST', body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 202) throw new Error(`POST ${kind}: ${res.status} ${text}`);
    return { id: (JSON.parse(text) as { id: string }).id, postAt };
  }

  cancel(kind: 'build' | 'run', id: string) {
    return this.api(`/api/${kind}s/${id}`, { method: 'DELETE' }).then((r) => r.status);
  }

  /**
   * Follows a job's events until `done` (or `signal`); `onEvent` sees each as it
   * arrives. Resolves with every event.
   */
  async follow(kind: 'build' | 'run', id: string, opts: { onEvent?: (e: Received) => void; signal?: AbortSignal } = {}) {
    const res = await this.api(`/api/${kind}s/${id}/events`, { signal: opts.signal });
    if (!res.ok || !res.body) throw new Error(`GET events: ${res.status}`);
    const events: Received[] = [];
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const idLine = /^id: (\d+)$/m.exec(block)?.[1];
          if (!data || !idLine) continue; // retry:, keep-alive comments
          const e = { ...JSON.parse(data), id: Number(idLine), recvAt: nowEpochMs() } as Received;
          events.push(e);
          opts.onEvent?.(e);
          if (e.type === 'done') return events;
        }
      }
    } catch (err) {
      if (!opts.signal?.aborted) throw err;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return events;
  }

  /** Submits and follows to the end. */
  async job(kind: 'build' | 'run', body: unknown, onEvent?: (e: Received) => void): Promise<JobResult> {
    const { id, postAt } = await this.submit(kind, body);
    const events = await this.follow(kind, id, { onEvent });
    return { id, postAt, events, done: events.find((e) => e.type === 'done') as JobResult['done'] };
  }
}

export async function learners(base: string, n: number) {
  return Promise.all(Array.from({ length: n }, () => new Learner(base).join()));
}
