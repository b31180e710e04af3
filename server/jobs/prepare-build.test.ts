import { describe, expect, it } from 'vitest';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { prepareBuild } from './submit-build';

/** What the build path sends to the engine: the policy's rewrite, with the learner's own cache ids. */
async function dockerfileIn(tar: Buffer): Promise<string> {
  const ex = extract();
  let dockerfile = '';
  ex.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c as Buffer));
    stream.on('end', () => {
      if (header.name === 'Dockerfile') dockerfile = Buffer.concat(chunks).toString('utf8');
      next();
    });
  });
  const done = new Promise<void>((resolve) => ex.on('finish', () => resolve()));
  Readable.from([tar]).pipe(ex);
  await done;
  return dockerfile;
}

describe('prepareBuild', () => {
  it('neutralises # syntax=docker/dockerfile:1 in what it sends, with a note for the log', async () => {
    const text = '# syntax=docker/dockerfile:1\nFROM busybox:latest\nRUN --mount=type=cache,target=/root/.cache true\n';
    const a = await prepareBuild('alice', [{ path: 'Dockerfile', content: text }]);
    expect(await dockerfileIn(a.context)).toBe('#\nFROM busybox:latest\nRUN --mount=type=cache,target=/root/.cache true\n');
    expect(a.notes).toEqual([expect.stringMatching(/^Note: "# syntax=docker\/dockerfile:1" \(line 1\) is not downloaded here/)]);
  });

  it('checks FROM $ARG with the build args the engine will get', async () => {
    const files = [{ path: 'Dockerfile', content: 'ARG BASE=busybox:latest\nFROM $BASE\n' }];
    await expect(prepareBuild('alice', files, { BASE: '127.0.0.1:5000/evil:latest' })).rejects.toMatchObject({
      code: 'dockerfile_refused',
    });
    expect(await dockerfileIn((await prepareBuild('alice', files, { BASE: 'python:3.13-slim' })).context)).toBe(
      'ARG BASE=busybox:latest\nFROM python:3.13-slim\n',
    );
  });
});
