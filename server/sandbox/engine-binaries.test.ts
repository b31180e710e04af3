import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerdVersion, engineMajor, findEngine } from './engine-binaries';

/** Stand-in dockerd binaries that only answer --version (unit test; the engine tests run the real one). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-engine-bin-test-'));
function fakeDockerd(file: string, version: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\necho "Docker version ${version}, build 0000000"\n`, { mode: 0o755 });
  return file;
}

describe('choosing the Docker Engine', () => {
  const debian12 = fakeDockerd(path.join(dir, 'system12/dockerd'), '20.10.24+dfsg1');
  const ubuntu24 = fakeDockerd(path.join(dir, 'system24/dockerd'), '26.1.3');
  const cache = path.join(dir, 'cache');

  it('reads the version a dockerd reports', () => {
    expect(dockerdVersion(debian12)).toBe('20.10.24+dfsg1');
    expect(engineMajor(dockerdVersion(ubuntu24))).toBe(26);
    expect(dockerdVersion(path.join(dir, 'missing'))).toBeUndefined();
  });

  it("uses the system's engine when it is 25 or newer, else Debian 13's unpacked one, else none", () => {
    expect(findEngine(cache, ubuntu24)).toMatchObject({ dockerd: ubuntu24, pathDirs: [], source: 'system' });
    expect(findEngine(cache, debian12)).toBeUndefined();
    // A finished unpack: its dockerd, and its usr/bin and usr/sbin first on dockerd's PATH.
    const unpacked = fakeDockerd(path.join(cache, 'usr/sbin/dockerd'), '26.1.5+dfsg1');
    expect(findEngine(cache, debian12)).toBeUndefined(); // no versions.json: the unpack did not finish
    fs.writeFileSync(path.join(cache, 'versions.json'), JSON.stringify({ suite: 'trixie', versions: { 'docker.io': '26.1.5' } }));
    expect(findEngine(cache, debian12)).toMatchObject({
      dockerd: unpacked,
      pathDirs: [path.join(cache, 'usr/bin'), path.join(cache, 'usr/sbin')],
      version: '26.1.5+dfsg1',
      source: 'debian-13',
    });
  });
});
