import { describe, expect, it } from 'vitest';
import { buildCacheBudgetGb, daemonJson } from './daemon-json';

describe("the engine's daemon.json", () => {
  it('makes gVisor the default runtime, with no network, when runsc is there', () => {
    const json = daemonJson({ name: 'runsc', path: '/cache/runsc', args: ['--overlay2=none'] }, { diskGb: 20 });
    expect(json).toMatchObject({
      'default-runtime': 'runsc',
      runtimes: { runsc: { path: '/cache/runsc', runtimeArgs: ['--platform=ptrace', '--network=none', '--overlay2=none'] } },
    });
    expect(daemonJson({ name: 'runc' }, { diskGb: 20 })).not.toHaveProperty('default-runtime');
  });

  it("keeps BuildKit's cache within a quarter of the engine's disk (at least 1 GB)", () => {
    expect(daemonJson({ name: 'runc' }, { diskGb: 20 }).builder).toEqual({ gc: { enabled: true, defaultKeepStorage: '5GB' } });
    expect(buildCacheBudgetGb(2)).toBe(1);
    expect(buildCacheBudgetGb(4096)).toBe(1024);
  });
});
