import { Learner } from '../client';
import type { BenchContext } from '../context';
import { cliBuild, dockerHost } from '../engine';
import { readContext, writeTempContext } from '../lesson';
import { fmtMs, fmtRatio, info, target, type SectionResult } from '../report';
import { max, median, round } from '../stats';

/**
 * 1. Overhead: the seed lesson's build through the HTTP API vs the plain docker CLI
 * (BuildKit both, same engine, same step limits from its runc shim) and context, interleaved
 * A/B so drift on the machine hits both alike; cached and --no-cache.
 */

const S = 'overhead';

async function apiBuild(learner: Learner, files: unknown, noCache: boolean) {
  const t0 = performance.now();
  let firstEvent: number | undefined;
  let firstLog: number | undefined;
  const r = await learner.job('build', { files, tag: 'bench-app', noCache }, (e) => {
    firstEvent ??= performance.now() - t0;
    if (e.type === 'log') firstLog ??= performance.now() - t0;
  });
  if (r.done?.state !== 'succeeded') throw new Error(`API build ended ${r.done?.state}: ${JSON.stringify(r.done?.error)}`);
  return { total: performance.now() - t0, firstEvent: firstEvent!, firstLog: firstLog!, imageId: r.done.imageId };
}

export async function overhead(ctx: BenchContext, rounds = ctx.quick ? 3 : 7): Promise<SectionResult> {
  const files = readContext();
  const tmp = writeTempContext(files);
  const learner = await new Learner(ctx.server.base).join();
  try {
    // Warm both paths so the first measured cached build really is cached.
    ctx.imageIds.add((await apiBuild(learner, files, false)).imageId ?? '');
    ctx.imageIds.add((await cliBuild(tmp.dir, { noCache: false, tag: 'bench-cli:latest' })).imageId);

    const modes = ['cached', 'no-cache'] as const;
    const samples = Object.fromEntries(modes.map((m) => [m, { api: [] as number[], cli: [] as number[] }]));
    const firstEvent: number[] = [];
    const firstLog: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const mode of modes) {
        const noCache = mode === 'no-cache';
        for (const who of round % 2 ? ['cli', 'api'] : ['api', 'cli']) {
          if (who === 'api') {
            const r = await apiBuild(learner, files, noCache);
            samples[mode].api.push(r.total);
            firstEvent.push(r.firstEvent);
            firstLog.push(r.firstLog);
            if (r.imageId) ctx.imageIds.add(r.imageId);
          } else {
            const r = await cliBuild(tmp.dir, { noCache, tag: 'bench-cli:latest' });
            samples[mode].cli.push(r.ms);
            ctx.imageIds.add(r.imageId);
          }
        }
      }
      ctx.log(`overhead: round ${round + 1}/${rounds}`);
    }

    const rows = [];
    const figures: Record<string, unknown> = { rounds, engine: dockerHost() };
    for (const mode of modes) {
      const a = median(samples[mode].api);
      const c = median(samples[mode].cli);
      figures[mode] = {
        apiMedianMs: round(a),
        cliMedianMs: round(c),
        ratio: round(a / c, 3),
        apiMs: samples[mode].api.map((x) => round(x)),
        cliMs: samples[mode].cli.map((x) => round(x)),
      };
      rows.push(info(S, `${mode} build: API / CLI median`, `${fmtMs(a)} / ${fmtMs(c)}`));
      // Each round's API and CLI builds ran back to back; their ratio cancels drift between rounds.
      const paired = median(samples[mode].api.map((x, i) => x / samples[mode].cli[i]));
      const spread = (xs: number[]) => `${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;
      (figures[mode] as Record<string, unknown>).pairedRatioMedian = round(paired, 3);
      rows.push(target(S, `${mode} ratio API/CLI (of medians)`, a / c, 1.05, fmtRatio));
      rows.push(
        info(S, `${mode} paired ratio; spread API, CLI`, `${fmtRatio(paired)}; ${spread(samples[mode].api)}, ${spread(samples[mode].cli)}`),
      );
    }
    figures.firstEventMs = { median: round(median(firstEvent)), max: round(max(firstEvent)), all: firstEvent.map((x) => round(x)) };
    figures.firstDaemonLineMs = { median: round(median(firstLog)), max: round(max(firstLog)), all: firstLog.map((x) => round(x)) };
    rows.push(target(S, 'POST → first event (median)', median(firstEvent), 50, fmtMs));
    rows.push(info(S, 'POST → first daemon line (median)', fmtMs(median(firstLog))));
    return { rows, figures };
  } finally {
    tmp.remove();
  }
}
