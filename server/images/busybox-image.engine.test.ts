import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';

beforeAll(() => ensureImages('busybox:latest'));

describe('busybox:latest', () => {
  it('addgroup and adduser create a group and a user, and the image runs as that user', async () => {
    const r = await buildAndRun('bb-user', {
      Dockerfile: 'FROM busybox:latest\nRUN addgroup -S app && adduser -S -D -H -G app app\nUSER app\nCMD ["sh", "-c", "id && whoami"]\n',
    });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout).toMatch(/^uid=\d+\(app\) gid=\d+\(app\)/m);
    expect(r.stdout).toMatch(/^app$/m);
  });

  it('has the official applets, wget and httpd included', async () => {
    const r = await buildAndRun('bb-applets', {
      Dockerfile:
        'FROM busybox:latest\nCMD ["sh", "-c", "busybox --list | wc -l; for a in adduser addgroup deluser delgroup wget httpd tar vi; do which $a; done"]\n',
    });
    expect(r.built, r.log).toBe(true);
    const [count, ...paths] = r.stdout.trim().split('\n');
    expect(Number(count)).toBeGreaterThan(350);
    expect(paths).toHaveLength(8);
  });
});
