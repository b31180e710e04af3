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
  it("gives each learner's cache mounts ids of their own and neutralises # syntax=docker/dockerfile:1, with a note", async () => {
    const text = '# syntax=docker/dockerfile:1\nFROM busybox:latest\nRUN --mount=type=cache,target=/root/.cache true\n';
    const a = await prepareBuild('alice', [{ path: 'Dockerfile', content: text }]);
    const b = await prepareBuild('bob', [{ path: 'Dockerfile', content: text }]);
    expect(await dockerfileIn(a.context)).toBe('#\nFROM busybox:latest\nRUN --mount=type=cache,target=/root/.cache,id=layerlab-alice:/root/.cache true\n');
    expect(await dockerfileIn(b.context)).toContain('id=layerlab-bob:/root/.cache');
    expect(a.notes).toEqual([expect.stringMatching(/^Note: "# syntax=docker\/dockerfile:1" \(line 1\) is not downloaded here/)]);
  });
});
