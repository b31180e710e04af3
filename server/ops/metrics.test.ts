import { beforeAll, describe, expect, it } from 'vitest';
import { db, openDatabase, useDatabase } from '../db/database';
import { insertJob, markFinished, markRunning } from '../jobs/store';
import { metricsText } from './metrics';
import { pruneJobLogs } from './retention';
import { appendEvent, eventsAfter } from '../jobs/store';

/** /api/metrics text and log retention over a real (in-memory) database. */

function job(id: string, kind: 'build' | 'run', durationS?: number, state: 'succeeded' | 'failed' = 'succeeded') {
  insertJob({ id, learner: 'f'.repeat(24), kind, spec: {} });
  if (durationS === undefined) return;
  markRunning(id);
  markFinished(id, { type: 'done', state, durationMs: durationS * 1000 });
  db()
    .prepare('UPDATE jobs SET started_at = finished_at - ? WHERE id = ?')
    .run(durationS * 1000, id);
}

beforeAll(() => {
  useDatabase(openDatabase(':memory:'));
  job('b_1', 'build', 3);
  job('b_2', 'build', 45, 'failed');
  job('b_3', 'build');
  job('r_1', 'run', 0.5);
});

describe('metrics', () => {
  it('exposes jobs by kind and state, a duration histogram, queue depth, engine up and active learners', async () => {
    const text = await metricsText({ engineUp: async () => false });
    expect(text).toContain('# TYPE layerlab_jobs gauge');
    expect(text).toContain('layerlab_jobs{kind="build",state="succeeded"} 1');
    expect(text).toContain('layerlab_jobs{kind="build",state="failed"} 1');
    expect(text).toContain('layerlab_jobs{kind="build",state="queued"} 1');
    expect(text).toContain('layerlab_jobs{kind="run",state="cancelled"} 0');
    expect(text).toContain('# TYPE layerlab_job_duration_seconds histogram');
    expect(text).toContain('layerlab_job_duration_seconds_bucket{kind="build",le="2"} 0');
    expect(text).toContain('layerlab_job_duration_seconds_bucket{kind="build",le="5"} 1');
    expect(text).toContain('layerlab_job_duration_seconds_bucket{kind="build",le="60"} 2');
    expect(text).toContain('layerlab_job_duration_seconds_bucket{kind="build",le="+Inf"} 2');
    expect(text).toContain('layerlab_job_duration_seconds_sum{kind="build"} 48');
    expect(text).toContain('layerlab_job_duration_seconds_count{kind="run"} 1');
    expect(text).toContain('layerlab_queue_depth 1');
    expect(text).toContain('layerlab_engine_up 0');
    expect(text).toMatch(/^# TYPE layerlab_engine_restarts_total counter\nlayerlab_engine_restarts_total \d+$/m);
    expect(text).toContain('layerlab_active_learners 1');
    // Every sample line is `name{labels} number`.
    for (const line of text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#')))
      expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? (\d+(\.\d+)?|\+Inf)$/);
  });
});

describe('log retention', () => {
  it('deletes the event logs of jobs finished before the window, keeping the job rows', () => {
    appendEvent('b_1', 1, { type: 'log', text: 'old', time: 0 });
    appendEvent('b_2', 1, { type: 'log', text: 'recent', time: 0 });
    db()
      .prepare('UPDATE jobs SET finished_at = ? WHERE id = ?')
      .run(Date.now() - 30 * 86_400_000, 'b_1');
    expect(pruneJobLogs({ retentionMs: 14 * 86_400_000 })).toEqual({ jobs: 1, events: 1 });
    expect(eventsAfter('b_1')).toEqual([]);
    expect(eventsAfter('b_2')).toHaveLength(1);
    expect(db().prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 4 });
  });
});
