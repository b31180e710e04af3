import 'server-only';
import { classCounts } from '../db/class-store';
import { activeLearners, durationHistogram, jobCounts } from '../db/job-stats';
import { pingEngine } from '../sandbox/engine-images';
import { refusalCounts } from '../net/refusals';
import { engineSupervisor } from '../sandbox/engine-supervisor';
import { MetricsText } from './prometheus';

/**
 * /api/metrics: jobs by kind and state, job durations, queue depth, engine up,
 * active learners. Read from the database (the job store is the truth, and it
 * survives restarts), so the numbers agree with what learners see.
 */

export const DURATION_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
const KINDS = ['build', 'run'];
const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export async function engineUp(timeoutMs = 1500): Promise<boolean> {
  try {
    await pingEngine(timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export async function metricsText(opts: { engineUp?: () => Promise<boolean>; now?: number } = {}): Promise<string> {
  const now = opts.now ?? Date.now();
  const up = await (opts.engineUp ?? engineUp)();
  const counts = new Map(jobCounts().map((c) => [`${c.kind}/${c.state}`, c.n]));
  const m = new MetricsText();

  m.metric('layerlab_jobs', 'gauge', 'Jobs in the store by kind and state.');
  for (const kind of KINDS) for (const state of STATES) m.sample('layerlab_jobs', counts.get(`${kind}/${state}`) ?? 0, { kind, state });

  m.metric('layerlab_job_duration_seconds', 'histogram', 'Run time of finished jobs (start to end), by kind.');
  const hist = new Map(durationHistogram(DURATION_BUCKETS).map((h) => [h.kind, h]));
  for (const kind of KINDS) {
    const h = hist.get(kind) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    m.histogram('layerlab_job_duration_seconds', DURATION_BUCKETS, h.buckets, h.sum, h.count, { kind });
  }

  const inState = (state: string) => KINDS.reduce((n, kind) => n + (counts.get(`${kind}/${state}`) ?? 0), 0);
  m.metric('layerlab_queue_depth', 'gauge', 'Jobs waiting for a slot.').sample('layerlab_queue_depth', inState('queued'));
  m.metric('layerlab_jobs_running', 'gauge', 'Jobs running now.').sample('layerlab_jobs_running', inState('running'));
  m.metric('layerlab_engine_up', 'gauge', '1 when the sandbox Docker engine answers a ping.').sample('layerlab_engine_up', up ? 1 : 0);
  m.metric('layerlab_engine_restarts_total', 'counter', 'Times the supervisor restarted the sandbox engine after it died.').sample(
    'layerlab_engine_restarts_total',
    engineSupervisor()?.restarts ?? 0,
  );
  m.metric('layerlab_active_learners', 'gauge', 'Learners who built, ran or saved in the last 15 minutes.').sample(
    'layerlab_active_learners',
    activeLearners(now - 15 * 60_000),
  );
  m.metric('layerlab_refusals_total', 'counter', 'Requests refused to protect capacity, by reason (queue, login, new sessions, shells).');
  for (const [reason, n] of Object.entries(refusalCounts())) m.sample('layerlab_refusals_total', n, { reason });
  const classes = classCounts();
  m.metric('layerlab_classes', 'gauge', 'Classes created.').sample('layerlab_classes', classes.classes);
  m.metric('layerlab_class_members', 'gauge', 'Learners who joined a class.').sample('layerlab_class_members', classes.members);
  return m.toString();
}
