import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@/lib/events';
import { openDatabase, useDatabase } from '../db/database';
import { AppError } from '../errors';
import { docker } from '../sandbox/docker';
import { cleanCreatedBy, finalStageSteps, imageLayers, mapLayers } from './image-layers';
import { subscribe } from './job-log';
import { submitBuild } from './submit-build';
import { removeLearnerImages } from '../sandbox/remove-learner-images';

describe('cleanCreatedBy', () => {
  it("drops BuildKit's noise and names RUN steps (history recorded from Docker 26.1)", () => {
    expect(cleanCreatedBy('CMD ["cat" "/app/hello.txt"]')).toBe('CMD ["cat" "/app/hello.txt"]');
    expect(cleanCreatedBy('COPY app.txt . # buildkit')).toBe('COPY app.txt .');
    expect(cleanCreatedBy('RUN /bin/sh -c pip install -r requirements.txt # buildkit')).toBe('RUN pip install -r requirements.txt');
    expect(cleanCreatedBy('RUN |1 V=1 /bin/sh -c echo $V > v # buildkit')).toBe('RUN echo $V > v');
    expect(cleanCreatedBy('WORKDIR /app')).toBe('WORKDIR /app');
    expect(cleanCreatedBy('')).toBe('');
  });
});

describe('finalStageSteps', () => {
  const dockerfile = 'FROM busybox AS b\nRUN echo b\nFROM busybox\nARG V\nONBUILD RUN x\nCOPY --from=b /b /b\nCMD ["sh"]\n';
  it("lists the final stage's instructions after FROM, without ONBUILD (it makes no history entry)", () => {
    expect(finalStageSteps(dockerfile)).toEqual([
      { line: 4, instruction: 'ARG V' },
      { line: 6, instruction: 'COPY --from=b /b /b' },
      { line: 7, instruction: 'CMD ["sh"]' },
    ]);
  });
  it('follows --target', () => {
    expect(finalStageSteps(dockerfile, 'B')).toEqual([{ line: 2, instruction: 'RUN echo b' }]);
  });
});

describe('mapLayers (fake history)', () => {
  const at = (time: number, e: object, id = time) => ({ ...e, id, time }) as StoredEvent;
  const events = [
    at(1000, { type: 'vertex', n: 2, name: '[1/3] FROM docker.io/library/busybox:latest', state: 'cached', line: 1, final: true }),
    at(1100, { type: 'vertex', n: 3, name: '[2/3] RUN echo hi', state: 'cached', line: 2, final: true }),
    at(1200, { type: 'vertex', n: 4, name: '[3/3] COPY a .', state: 'started', line: 3, final: true }),
    at(1700, { type: 'vertex', n: 4, name: '[3/3] COPY a .', state: 'done', line: 3, final: true, durationMs: 500 }),
    at(1750, { type: 'done', state: 'succeeded', durationMs: 750 }),
  ];
  const steps = [
    { line: 2, instruction: 'RUN echo hi' },
    { line: 3, instruction: 'COPY a .' },
    { line: 5, instruction: 'CMD ["sh"]' },
  ];
  it('ties the newest entries to the final steps, oldest layer first, with cache hits and times from the vertices', () => {
    const history = [
      { CreatedBy: 'CMD ["sh"]', Size: 0 },
      { CreatedBy: 'COPY a . # buildkit', Size: 5 },
      { CreatedBy: 'RUN /bin/sh -c echo hi # buildkit', Size: 0 },
      { CreatedBy: '', Size: 2_000_000, Comment: 'stand-in' },
    ];
    const { layers, totalBytes } = mapLayers(history, events, steps);
    expect(totalBytes).toBe(2_000_005);
    expect(layers).toEqual([
      { createdBy: '', sizeBytes: 2_000_000, fromBase: true, comment: 'stand-in' },
      {
        createdBy: 'RUN echo hi',
        sizeBytes: 0,
        fromBase: false,
        step: { index: 3, instruction: 'RUN echo hi', line: 2 },
        cached: true,
        durationMs: 0,
      },
      {
        createdBy: 'COPY a .',
        sizeBytes: 5,
        fromBase: false,
        step: { index: 4, instruction: 'COPY a .', line: 3 },
        cached: false,
        durationMs: 500,
      },
      { createdBy: 'CMD ["sh"]', sizeBytes: 0, fromBase: false, step: { instruction: 'CMD ["sh"]', line: 5 }, cached: false },
    ]);
  });
});

/** The real engine: a two-stage build, then its layers through the job store. */
describe('imageLayers (real engine)', () => {
  const alice = `layal${Date.now().toString(16)}`.slice(0, 24);
  const bob = `laybob${Date.now().toString(16)}`.slice(0, 24);
  const dockerfile = `FROM busybox:latest AS tools
RUN echo built > /tool.txt

FROM busybox:latest
WORKDIR /app
COPY hello.txt .
COPY --from=tools /tool.txt /app/
RUN dd if=/dev/zero of=/app/blob bs=1024 count=1024 2>/dev/null
ENV GREETING=hi
CMD ["cat", "/app/hello.txt"]
`;
  const files = [
    { path: 'Dockerfile', content: dockerfile },
    // Unique per run, so the first build's COPY and later steps can't come from an earlier run's cache.
    { path: 'hello.txt', content: `hello ${Date.now()}\n` },
  ];
  async function build(learner: string, content = files) {
    const { id } = await submitBuild(learner, { files: content, tag: 'layers' });
    for await (const _ of subscribe(id, 0, AbortSignal.timeout(180_000))) void _;
    return id;
  }

  beforeAll(() => useDatabase(openDatabase(':memory:')));
  afterAll(async () => {
    await removeLearnerImages([alice, bob]);
  });

  it('lists base layers and one layer per final-stage step, with sizes, cache hits and times', async () => {
    const first = await build(alice);
    const result = await imageLayers(first, alice);
    const image = await docker().getImage(result.imageId).inspect();
    expect(result.totalBytes).toBe(image.Size);

    const own = result.layers.filter((l) => !l.fromBase);
    expect(own.map((l) => [l.step?.line, l.createdBy.split(' ')[0]])).toEqual([
      [5, 'WORKDIR'],
      [6, 'COPY'],
      [7, 'COPY'],
      [8, 'RUN'],
      [9, 'ENV'],
      [10, 'CMD'],
    ]);
    expect(result.layers.filter((l) => l.fromBase).length).toBeGreaterThan(0);
    expect(result.layers.slice(0, result.layers.length - own.length).every((l) => l.fromBase)).toBe(true);
    const blob = own.find((l) => l.step?.line === 8)!;
    expect(blob.sizeBytes).toBeGreaterThanOrEqual(1024 * 1024);
    expect(blob.createdBy).toContain('dd if=/dev/zero');
    expect(own.find((l) => l.step?.line === 9)!.sizeBytes).toBe(0);
    // Steps that ran (WORKDIR, COPY, RUN) have their time; ENV and CMD only set metadata.
    for (const layer of own.filter((l) => l.step!.line! <= 8)) expect(layer.durationMs).toBeGreaterThanOrEqual(0);

    // The same context again: every step that ran comes from the cache.
    const second = await build(alice);
    const again = await imageLayers(second, alice);
    expect(again.layers.filter((l) => !l.fromBase && l.step!.line! <= 8).every((l) => l.cached === true)).toBe(true);
    expect(own.filter((l) => l.step!.line! >= 6).some((l) => l.cached)).toBe(false);
  });

  it("answers not found for another learner's build and conflict for a failed one", async () => {
    const id = await build(bob);
    await expect(imageLayers(id, alice)).rejects.toMatchObject({ code: 'not_found' });
    const failed = await build(bob, [{ path: 'Dockerfile', content: 'FROM busybox:latest\nRUN exit 3\n' }]);
    const err = await imageLayers(failed, bob).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'conflict' });
  });
});
