import type { ContextFile } from '@/lib/build-context';
import { Learner, learners, type JobResult } from '../client';
import type { BenchContext } from '../context';
import { readContext } from '../lesson';
import { cpuMeter, RssSampler, totalRss } from '../proc';
import { fmtMB, fmtMs, fmtS, info, target, type Row, type SectionResult } from '../report';
import { percentile, round, sleep, summary } from '../stats';

/**
 * 3. Classroom load: N learners, each with its own session, build the seed lesson
 * (each with a slightly different app.py, as real learners' files differ, so the
 * pip step runs) and run it, with random think time, on the default queue
 * settings. Then N learners idle on open event streams.
 */

const S = 'classroom';

type Flow = { build?: JobResult; run?: JobResult; error?: string; e2eMs?: number };

const jobMs = (r?: JobResult) => (r?.done ? r.done.recvAt - r.postAt : NaN);
/** From the job's `queued` status to its `running` status, by the server's event `time` (0 when it never waited). */
function queueWait(r?: JobResult) {
  const queued = r?.events.find((e) => e.type === 'status' && e.state === 'queued');
  const running = r?.events.find((e) => e.type === 'status' && e.state === 'running');
  if (!running) return NaN;
  return queued ? running.time - queued.time : 0;
}

function ownFiles(base: ContextFile[], who: string): ContextFile[] {
  return base.map((f) => (f.path === 'app.py' ? { ...f, content: `${f.content}\n# ${who}\n` } : f));
}

async function flow(l: Learner, files: ContextFile[], thinkMaxMs: number): Promise<Flow> {
  const out: Flow = {};
  try {
    await sleep(Math.random() * thinkMaxMs);
    out.build = await l.job('build', { files, tag: 'my-python-app', lesson: 'building-your-first-docker-image' });
    if (out.build.done?.state !== 'succeeded') throw new Error(`build ${out.build.done?.state}: ${out.build.done?.error?.code}`);
    await sleep(Math.random() * thinkMaxMs);
    out.run = await l.job('run', { image: 'my-python-app', lesson: 'building-your-first-docker-image' });
    if (out.run.done?.state !== 'succeeded') throw new Error(`run ${out.run.done?.state}: ${out.run.done?.error?.code}`);
    const hello = out.run.events.some((e) => e.type === 'log' && e.text.includes('Hello World'));
    if (!hello) throw new Error('run did not print Hello World');
    out.e2eMs = jobMs(out.build) + jobMs(out.run);
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
  }
  return out;
}

async function idleStreams(ctx: BenchContext, pool: Learner[], windowMs: number) {
  const pids = ctx.server.pids;
  const abort = new AbortController();
  const jobs = await Promise.all(pool.map((l) => l.submit('run', { image: 'busybox:latest', command: ['sleep', '60'] })));
  const firstSeen: Promise<void>[] = [];
  const follows = pool.map((l, i) => {
    let seen!: () => void;
    firstSeen.push(new Promise<void>((r) => (seen = r)));
    return l.follow('run', jobs[i].id, { onEvent: () => seen(), signal: abort.signal });
  });
  await Promise.race([Promise.all(firstSeen), sleep(15_000)]);
  await sleep(1000); // let the open streams settle before measuring
  const rss0 = totalRss(pids);
  const sampler = new RssSampler(pids, 200);
  const cpu = cpuMeter(pids);
  await sleep(windowMs);
  const used = cpu();
  const peak = sampler.stop();
  const cancelled = await Promise.all(pool.map((l, i) => l.cancel('run', jobs[i].id)));
  const ends = await Promise.race([Promise.all(follows), sleep(40_000).then(() => undefined)]);
  abort.abort();
  // How each stream ended, e.g. {"cancelled": 28, "failed/timeout": 2}: a cancel that was lost shows here.
  const endings: Record<string, number> = {};
  const wasRunning: Record<string, number> = {};
  (ends ?? []).forEach((evs, i) => {
    const done = evs.find((e) => e.type === 'done');
    const key = done?.type === 'done' ? `${done.state}${done.error ? `/${done.error.code}` : ''}` : 'no done within 40 s';
    endings[key] = (endings[key] ?? 0) + 1;
    if (evs.some((e) => e.type === 'status' && e.state === 'running')) wasRunning[key] = (wasRunning[key] ?? 0) + 1;
    if (key !== 'cancelled') ctx.log(`classroom: idle stream ${jobs[i].id} ended ${key}`);
  });
  return {
    streams: pool.length,
    windowMs,
    rssStartBytes: rss0,
    rssPeakBytes: peak,
    cpu: used,
    deleteAccepted: cancelled.filter((s) => s === 202).length,
    endedCancelled: endings.cancelled ?? 0,
    endings,
    /** Of those endings, how many had started running (a cancel right after a run starts is the delicate case). */
    endingsAfterRunning: wasRunning,
  };
}

export async function classroom(ctx: BenchContext): Promise<SectionResult> {
  const n = ctx.quick ? 10 : 30;
  const thinkMaxMs = 10_000;
  const base = readContext();
  const pids = ctx.server.pids;
  const notes: string[] = [];

  // One learner alone: the reference for "N× a single learner's time".
  const solo = await flow(await new Learner(ctx.server.base).join(), ownFiles(base, `solo ${Date.now()}`), 0);
  if (solo.error) throw new Error(`single learner failed: ${solo.error}`);
  ctx.log(`classroom: single learner build+run ${fmtMs(solo.e2eMs!)}`);

  const pool = await learners(ctx.server.base, n);
  const rss0 = totalRss(pids);
  const sampler = new RssSampler(pids, 100);
  const cpu = cpuMeter(pids);
  const t0 = performance.now();
  const flows = await Promise.all(pool.map((l, i) => flow(l, ownFiles(base, `learner ${i} ${Date.now()}`), thinkMaxMs)));
  const wallMs = performance.now() - t0;
  const loadCpu = cpu();
  const peak = sampler.stop();
  for (const f of flows) {
    for (const id of [f.build?.done?.imageId]) if (id) ctx.imageIds.add(id);
  }
  const ok = flows.filter((f) => !f.error);
  const errors = flows.filter((f) => f.error).map((f) => f.error!);
  const e2e = ok.map((f) => f.e2eMs!);
  const waits = flows.flatMap((f) => [queueWait(f.build), queueWait(f.run)]).filter(Number.isFinite);
  const buildMs = flows.map((f) => jobMs(f.build)).filter(Number.isFinite);
  const runMs = flows.map((f) => jobMs(f.run)).filter(Number.isFinite);
  ctx.log(`classroom: ${ok.length}/${n} completed in ${fmtS(wallMs)}; idle streams next`);

  const idle = await idleStreams(ctx, pool, ctx.quick ? 8000 : 20_000);
  let health: { ok?: boolean; queue?: { running: number; queued: number; maxConcurrent: number } } = {};
  for (let i = 0; i < 20; i++) {
    health = (await (await fetch(`${ctx.server.base}/api/health`)).json()) as typeof health;
    if (health.queue?.running === 0 && health.queue.queued === 0) break;
    await sleep(500);
  }

  const e2eP95 = percentile(e2e, 95);
  const ratio = e2eP95 / solo.e2eMs!;
  const w = summary(waits);
  if (ratio > 4) {
    notes.push(
      `p95 end-to-end is ${ratio.toFixed(1)}× a single learner's: ${n} learners share ${health.queue?.maxConcurrent ?? '?'} job slots ` +
        `(LAYERLAB_MAX_CONCURRENT_JOBS defaults to the CPU count), so most of that time is queue wait (p95 ${fmtS(w.p95)}), not server overhead.`,
    );
  }
  const rows: Row[] = [
    info(S, 'single learner build+run', fmtMs(solo.e2eMs!)),
    target(S, `${n} learners completed`, (ok.length / n) * 100, 100, (x) => `${x.toFixed(0)} %`, { atLeast: true }),
    target(S, 'errors', errors.length, 0, (x) => String(x)),
    info(S, 'queue wait p50 / p95', `${fmtS(w.p50)} / ${fmtS(w.p95)}`),
    info(S, 'end-to-end (build+run) p50 / p95', `${fmtS(percentile(e2e, 50))} / ${fmtS(e2eP95)}`),
    target(S, 'p95 end-to-end / single learner', ratio, 4, (x) => `${x.toFixed(1)}×`),
    info(S, 'server RSS start → peak (load)', `${fmtMB(rss0)} → ${fmtMB(peak)}`),
    info(S, 'server CPU during load', `${(loadCpu.coreShare * 100).toFixed(0)} % of a core`),
    info(
      S,
      `${idle.streams} idle streams: RSS, CPU`,
      `${fmtMB(idle.rssPeakBytes)} peak, ${(idle.cpu.coreShare * 100).toFixed(1)} % of a core`,
    ),
    target(
      S,
      `idle streams ended cancelled after DELETE (${idle.deleteAccepted} accepted)`,
      idle.endedCancelled,
      idle.streams,
      (x) => String(x),
      { atLeast: true },
    ),
    target(S, 'engine healthy afterwards', health.ok ? 1 : 0, 1, (x) => (x ? 'yes' : 'no'), { atLeast: true }),
  ];
  return {
    rows,
    notes,
    figures: {
      learners: n,
      thinkMaxMs,
      singleLearnerMs: round(solo.e2eMs!),
      completed: ok.length,
      errors,
      wallMs: round(wallMs),
      queueWaitMs: { ...w, p50: round(w.p50), p95: round(w.p95), max: round(w.max) },
      endToEndMs: { p50: round(percentile(e2e, 50)), p95: round(e2eP95), max: round(Math.max(...e2e)) },
      buildMs: summary(buildMs),
      runMs: summary(runMs),
      p95OverSingle: round(ratio, 2),
      rssStartBytes: rss0,
      rssPeakBytes: peak,
      loadCpu,
      idle,
      healthAfter: health,
    },
  };
}
