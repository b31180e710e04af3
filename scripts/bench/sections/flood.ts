import { Learner, type JobResult } from '../client';
import type { BenchContext } from '../context';
import { apiProbe } from '../probe';
import { RssSampler, totalRss } from '../proc';
import { fmtMB, fmtMs, fmtS, info, target, type Row, type SectionResult } from '../report';
import { round, sleep, summary } from '../stats';

/**
 * 4. Flood: one learner's job prints 50 MB (a build RUN step, then a run). The
 * platform truncates build logs at 2 MiB and stops runs at 1 MiB; the server's
 * memory must stay bounded, the learner must see the notice, and another
 * learner's stream (the latency probe) must stay responsive meanwhile.
 */

const S = 'flood';
const FLOOD_BYTES = 50 * 1024 * 1024;
const floodCmd = `yes 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | head -c ${FLOOD_BYTES}`;
const floodDockerfile = `FROM busybox:latest\nRUN ${floodCmd}\n`;

const sawNotice = (r: JobResult) => r.events.some((e) => e.type === 'log' && e.stream === 'system' && /limit/.test(e.text));
const received = (r: JobResult) => r.events.reduce((n, e) => n + (e.type === 'log' ? Buffer.byteLength(e.text) : 0), 0);

export async function flood(ctx: BenchContext): Promise<SectionResult> {
  const [flooder, other] = await Promise.all([new Learner(ctx.server.base).join(), new Learner(ctx.server.base).join()]);
  const pids = ctx.server.pids;
  const rss0 = totalRss(pids);
  const sampler = new RssSampler(pids, 50);

  let firstFloodLog!: () => void;
  const flowing = new Promise<void>((r) => (firstFloodLog = r));
  let probeDone = false;
  const floods: { kind: 'build' | 'run'; ms: number; notice: boolean; receivedBytes: number; state?: string; code?: string }[] = [];

  const flooding = (async () => {
    // Keep flooding for as long as the probe runs (bounded), alternating build and run floods.
    for (let i = 0; i < 6 && (i < 2 || !probeDone); i++) {
      const kind = i % 2 ? 'run' : 'build';
      const t0 = performance.now();
      const r =
        kind === 'build'
          ? await flooder.job(
              'build',
              { files: [{ path: 'Dockerfile', content: floodDockerfile }], tag: 'bench-flood', noCache: true },
              (e) => e.type === 'log' && firstFloodLog(),
            )
          : await flooder.job(
              'run',
              { image: 'busybox:latest', command: ['sh', '-c', floodCmd] },
              (e) => e.type === 'log' && firstFloodLog(),
            );
      if (r.done?.imageId) ctx.imageIds.add(r.done.imageId);
      floods.push({
        kind,
        ms: round(performance.now() - t0),
        notice: sawNotice(r),
        receivedBytes: received(r),
        state: r.done?.state,
        code: r.done?.error?.code,
      });
    }
  })();

  await Promise.race([flowing, sleep(30_000)]);
  const probe = await apiProbe(other, 100).finally(() => (probeDone = true));
  await flooding;
  const peak = sampler.stop();
  await sleep(2000);
  const rssAfter = totalRss(pids);
  if (probe.done?.imageId) ctx.imageIds.add(probe.done.imageId);

  const lat = summary(probe.delays);
  const buildFloods = floods.filter((f) => f.kind === 'build');
  const runFloods = floods.filter((f) => f.kind === 'run');
  const growth = peak - rss0;
  const rows: Row[] = [
    info(S, `build floods: time, shown to learner`, buildFloods.map((f) => `${fmtS(f.ms)} ${fmtMB(f.receivedBytes)}`).join(', ')),
    target(S, 'learner sees the truncation notice (build, run)', floods.every((f) => f.notice) ? 1 : 0, 1, (x) => (x ? 'yes' : 'no'), {
      atLeast: true,
    }),
    info(S, 'run floods: ended', runFloods.map((f) => `${f.state}/${f.code ?? '-'} ${fmtMB(f.receivedBytes)}`).join(', ')),
    info(S, 'server RSS before → peak → after', `${fmtMB(rss0)} → ${fmtMB(peak)} → ${fmtMB(rssAfter)}`),
    target(S, 'server RSS growth', growth, 100e6, fmtMB),
    info(S, `other learner's stream p50 / max (n=${lat.n})`, `${fmtMs(lat.p50)} / ${fmtMs(lat.max)}`),
    target(S, "other learner's stream p95", lat.p95, 200, fmtMs),
  ];
  return {
    rows,
    figures: {
      floodBytes: FLOOD_BYTES,
      floods,
      rssStartBytes: rss0,
      rssPeakBytes: peak,
      rssAfterBytes: rssAfter,
      rssGrowthBytes: growth,
      otherStreamMs: { n: lat.n, p50: round(lat.p50, 2), p95: round(lat.p95, 2), max: round(lat.max, 2) },
      probeState: probe.done?.state,
    },
  };
}
