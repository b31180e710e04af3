import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageVersion, readCachedRootfs } from './rootfs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-rootfs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('packageVersion', () => {
  it('reads the upstream version of an installed package from dpkg status', () => {
    fs.mkdirSync(path.join(root, 'var/lib/dpkg'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'var/lib/dpkg/status'),
      [
        'Package: python3.11-minimal\nStatus: install ok installed\nVersion: 3.11.9-1\n',
        'Package: python3.11\nStatus: install ok installed\nVersion: 3.11.2-6+deb12u5\n',
        'Package: nodejs\nVersion: 18.20.4+dfsg-1~deb12u1\n',
        'Package: adduser\nVersion: 1:3.134\n',
      ].join('\n'),
    );
    expect(packageVersion(root, 'python3.11')).toBe('3.11.2');
    expect(packageVersion(root, 'nodejs')).toBe('18.20.4');
    expect(packageVersion(root, 'adduser')).toBe('3.134');
    expect(packageVersion(root, 'missing')).toBeUndefined();
  });
});

describe('readCachedRootfs', () => {
  it('finds a cached tarball only with its metadata', () => {
    const dir = path.join(root, 'cache', 'rootfs');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'x-k1.tar'), '');
    expect(readCachedRootfs(path.join(root, 'cache'), 'x', 'k1')).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'x-k1.json'), JSON.stringify({ key: 'k1', version: '1.0', builtAt: 'now', buildSeconds: 1 }));
    expect(readCachedRootfs(path.join(root, 'cache'), 'x', 'k1')).toMatchObject({ fromCache: true, meta: { version: '1.0' } });
    expect(readCachedRootfs(path.join(root, 'cache'), 'x', 'k2')).toBeUndefined();
  });
});
