import { describe, expect, it } from 'vitest';

const { openDatabase, useDatabase } = await import('../db/database');
const { createJobSystem } = await import('../jobs/job-system');
const { metricsText } = await import('../ops/metrics');

/** Refusals that protect capacity show in /api/metrics, so an operator sees a flood (or a limit set too tight). */

describe('refusal counts', () => {
  it('a job refused for its address is counted in layerlab_refusals_total', async () => {
    useDatabase(openDatabase(':memory:'));
    const engine = { build: async function* () {}, run: async function* () {} } as never;
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100, maxQueuedPerAddress: 1 });
    const submit = (learner: string) =>
      system.submit({ learner, kind: 'build', tag: 't', ref: 'r', spec: {} }, async function* () {}, { address: '203.0.113.9' });
    submit('a'.repeat(24));
    expect(() => submit('b'.repeat(24))).toThrow(/Your network already has 1 jobs/);
    const text = await metricsText({ engineUp: async () => true });
    expect(text).toMatch(/^layerlab_refusals_total\{reason="queue_address"\} 1$/m);
    expect(text).toMatch(/^layerlab_refusals_total\{reason="new_sessions"\} 0$/m);
  });
});
