import { Learner } from '../client';
import type { BenchContext } from '../context';
import { apiProbe, cliProbe } from '../probe';
import { fmtMs, info, target, type SectionResult } from '../report';
import { round, summary } from '../stats';

/** 2. Stream latency: the daemon prints a stamped line every 100 ms; how late does the learner see it? */

const S = 'latency';

export async function latency(ctx: BenchContext): Promise<SectionResult> {
  const learner = await new Learner(ctx.server.base).join();
  const runs = ctx.quick ? 1 : 2;
  const api: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await apiProbe(learner, 50);
    if (r.done?.state !== 'succeeded') throw new Error(`probe build ended ${r.done?.state}: ${JSON.stringify(r.done?.error)}`);
    if (r.done.imageId) ctx.imageIds.add(r.done.imageId);
    api.push(...r.delays);
  }
  const cli = await cliProbe(50);
  ctx.log(`latency: ${api.length} lines via API, ${cli.length} via CLI`);
  const a = summary(api);
  const c = summary(cli);
  const fig = (s: ReturnType<typeof summary>) => ({ n: s.n, p50: round(s.p50, 2), p95: round(s.p95, 2), max: round(s.max, 2) });
  return {
    figures: { api: fig(a), cliBaseline: fig(c) },
    rows: [
      info(S, `print → client p50 / max (n=${a.n})`, `${fmtMs(a.p50)} / ${fmtMs(a.max)}`),
      target(S, 'print → client p95', a.p95, 50, fmtMs),
      info(S, 'same probe via docker CLI p50 / p95', `${fmtMs(c.p50)} / ${fmtMs(c.p95)}`),
    ],
  };
}
