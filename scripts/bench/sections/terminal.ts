import type { BenchContext } from '../context';
import { Learner } from '../client';
import { fmtMs, info, target, type SectionResult } from '../report';
import { nowEpochMs, round, summary } from '../stats';

/**
 * 7. The terminal's keystroke-to-echo latency on loopback: one learner opens
 * `docker run -it busybox sh` through the terminal API, then types one key at
 * a time (POST /api/terminal/shell/input) and times until the shell's TTY echo
 * of that key arrives on the SSE stream (/api/terminal/shell/events). This is
 * the round trip a learner feels: browser → server → container (gVisor) →
 * server → browser. Target: p95 ≤ 30 ms.
 */

const S = 'terminal';

export async function terminal(ctx: BenchContext): Promise<SectionResult> {
  const keys = ctx.quick ? 40 : 200;
  const learner = await new Learner(ctx.server.base).join();
  const opened = await learner.api('/api/terminal/commands', {
    method: 'POST',
    body: JSON.stringify({ line: 'docker run -it busybox sh', cols: 120, rows: 30 }),
  });
  const answer = (await opened.json()) as { type: string; text?: string };
  if (answer.type !== 'shell') throw new Error(`no shell: ${JSON.stringify(answer)}`);

  const abort = new AbortController();
  const res = await learner.api('/api/terminal/shell/events', { signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`shell events: ${res.status}`);
  let output = '';
  let waiter: { want: string; resolve: () => void } | undefined;
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data || !block.includes('event: output')) continue;
          output += (JSON.parse(data.slice(6)) as { data: string }).data;
          if (waiter && output.includes(waiter.want)) {
            const w = waiter;
            waiter = undefined;
            w.resolve();
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  const echoed = (want: string) => new Promise<void>((resolve) => (waiter = { want, resolve }));
  const input = (data: string) =>
    learner.api('/api/terminal/shell/input', { method: 'POST', body: JSON.stringify({ data }) }).then((r) => r.arrayBuffer());

  // The prompt first: the shell is ready when it has drawn it.
  await Promise.race([
    echoed('# '),
    new Promise((_, reject) => setTimeout(() => reject(new Error('no shell prompt within 30 s')), 30_000)),
  ]);
  const samples: number[] = [];
  const posts: number[] = [];
  try {
    for (let i = 0; i < keys; i++) {
      // A fresh marker per key (the echo of `#` + a counter can only come from this key press):
      // type a comment so nothing runs, and clear the line every 20 keys.
      if (i % 20 === 0) {
        output = '';
        await Promise.all([echoed('#'), input('\x15#')]);
      }
      const ch = String.fromCharCode(97 + (i % 26));
      output = '';
      const t0 = nowEpochMs();
      await Promise.all([echoed(ch).then(() => samples.push(nowEpochMs() - t0)), input(ch).then(() => posts.push(nowEpochMs() - t0))]);
    }
  } finally {
    await input('\x15exit\r').catch(() => undefined);
    abort.abort();
    await reading;
    await learner.api('/api/terminal/shell', { method: 'DELETE' }).catch(() => undefined);
  }
  const s = summary(samples);
  const p = summary(posts);
  ctx.log(`${S}: ${samples.length} keys, p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms`);
  return {
    rows: [
      info(S, `keystroke → echo p50 (${samples.length} keys, busybox sh)`, fmtMs(s.p50)),
      target(S, 'keystroke → echo p95', s.p95, 30, fmtMs),
      info(S, 'keystroke → echo max', fmtMs(s.max)),
      info(S, 'input POST answered p50 / p95 (part of the above)', `${fmtMs(p.p50)} / ${fmtMs(p.p95)}`),
    ],
    figures: {
      keystrokeEchoMs: { ...s, p50: round(s.p50, 2), p95: round(s.p95, 2), max: round(s.max, 2) },
      inputPostMs: { ...p, p50: round(p.p50, 2), p95: round(p.p95, 2), max: round(p.max, 2) },
    },
  };
}
