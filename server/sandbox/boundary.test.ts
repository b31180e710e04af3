import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * server/sandbox is the only place that talks to Docker: no other product code
 * imports dockerode or the sandbox's client. Tests (which set up and inspect
 * the real engine), test helpers and the bench/differential scripts may.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const TEST_SUPPORT = ['server/images/stand-in-test-helpers.ts'];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe('the Docker boundary', () => {
  it('keeps every Docker client call inside server/sandbox', () => {
    const offenders = ['app', 'components', 'lib', 'server']
      .flatMap(sources)
      .filter((f) => !f.startsWith('server/sandbox/') && !TEST_SUPPORT.includes(f))
      .filter((f) => /from ['"](dockerode|[^'"]*sandbox\/docker)['"]/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
