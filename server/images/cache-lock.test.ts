import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withCacheLock } from './cache-lock';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('withCacheLock', () => {
  it('runs holders of the same lock one after the other, and releases it', async () => {
    const lock = path.join(dir, 'a.lock');
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    const first = withCacheLock(
      lock,
      () => undefined,
      async () => {
        order.push('first in');
        await firstHolds;
        order.push('first out');
      },
    );
    let waitedFor: number | undefined;
    const second = withCacheLock(
      lock,
      (pid) => ((waitedFor = pid), releaseFirst()),
      async () => order.push('second in'),
    );
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(waitedFor).toBe(process.pid);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const lock = path.join(dir, 'b.lock');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), '999999999');
    await expect(
      withCacheLock(
        lock,
        () => undefined,
        async () => 'ran',
      ),
    ).resolves.toBe('ran');
  });
});
