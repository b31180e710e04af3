import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '../config';
import type { EngineConfig } from './daemon';
import { EngineSupervisor } from './engine-supervisor';

/** The supervisor's retry logic with a stand-in start (unit test; engine-supervisor.engine.test.ts kills a real engine). */
function fakeEngine(): EngineConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-sup-'));
  // A pid file naming a process that is gone: the engine died.
  fs.writeFileSync(path.join(dir, 'docker.pid'), '999999999\n');
  return { ...config().engine, runDir: dir, pidFile: path.join(dir, 'docker.pid'), socket: path.join(dir, 'docker.sock') };
}

describe('engine supervisor (stand-in start)', () => {
  it('retries a failing start with backoff, then counts one restart', async () => {
    const engine = fakeEngine();
    let attempts = 0;
    const start = async () => {
      if (++attempts < 3) throw new Error(`start failed #${attempts}`);
      fs.writeFileSync(engine.pidFile, `${process.pid}\n`); // "started": a live pid
      return { reused: false, runtime: { name: 'runsc' as const } };
    };
    const supervisor = new EngineSupervisor(engine, { intervalMs: 60_000, backoffMs: [0, 5, 10], start });
    const failures: number[] = [];
    supervisor.on('failed', (_err, next: number) => failures.push(next));
    const up = once(supervisor, 'up');
    supervisor.watch();
    expect(supervisor.state).toBe('restarting');
    await up;
    supervisor.close();
    expect(attempts).toBe(3);
    expect(failures).toEqual([5, 10]);
    expect(supervisor).toMatchObject({ state: 'up', restarts: 1, generation: 1 });
  });

  it('leaves an engine stopped on purpose alone', async () => {
    const engine = fakeEngine();
    fs.writeFileSync(path.join(engine.runDir, 'stopped-on-purpose'), '');
    let attempts = 0;
    const supervisor = new EngineSupervisor(engine, {
      intervalMs: 60_000,
      start: async () => {
        attempts++;
        return { reused: false, runtime: { name: 'runsc' as const } };
      },
    }).watch();
    await supervisor.check();
    supervisor.close();
    expect(supervisor.state).toBe('stopped');
    expect(attempts).toBe(0);
  });
});
