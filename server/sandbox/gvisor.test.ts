import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modernRunsc, runscArgs, runscRelease } from './gvisor';

/** Stand-in runsc binaries that only answer --version (unit test; the engine tests use the real one). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-gvisor-test-'));
function fakeRunsc(name: string, version: string) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\necho "runsc version ${version}"\necho "spec: 1.1.0"\n`, { mode: 0o755 });
  return file;
}

describe('choosing a gVisor release', () => {
  const debian12 = fakeRunsc('system/runsc', '0.0~20221219.0');
  const upstream = fakeRunsc('upstream/runsc', 'release-20250101.0');
  const cacheDir = path.join(dir, 'cache');

  it('reads the release date from Debian and upstream version strings', () => {
    expect(runscRelease(debian12)).toBe(20221219);
    expect(runscRelease(upstream)).toBe(20250101);
    expect(runscRelease(path.join(dir, 'missing'))).toBeUndefined();
  });

  it("uses the system's runsc when new enough, else a fetched one, else none", () => {
    expect(modernRunsc(upstream, cacheDir)).toBe(upstream);
    expect(modernRunsc(debian12, cacheDir)).toBeUndefined();
    const fetched = fakeRunsc('cache/runsc', '0.0~20240729.0');
    expect(modernRunsc(debian12, cacheDir)).toBe(fetched);
    expect(modernRunsc(undefined, cacheDir)).toBe(fetched);
  });

  it('turns off the root overlay of newer releases, whose writes docker build would never see', () => {
    expect(runscArgs(upstream)).toEqual(['--overlay2=none']);
    expect(runscArgs(debian12)).toEqual([]);
  });
});
