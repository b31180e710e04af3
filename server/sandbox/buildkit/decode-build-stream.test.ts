import { describe, expect, it } from 'vitest';
import type { LogEvent, VertexEvent } from '@/lib/events';
import { BuildKitStreamDecoder, type DecodedBuildEvent } from './decode-build-stream';
import { decodeFixture, fixture, planFor } from './fixtures/load';
import { encodeStatusResponse } from './status-proto';

/** Decoding real progress streams recorded from Docker 26.1 (see fixtures/README.md). */

const vertices = (events: DecodedBuildEvent[]) => events.filter((e): e is VertexEvent => e.type === 'vertex');
const logs = (events: DecodedBuildEvent[]) => events.filter((e): e is LogEvent => e.type === 'log');
const byName = (events: DecodedBuildEvent[], prefix: string) => vertices(events).filter((v) => v.name.startsWith(prefix));

describe('BuildKitStreamDecoder on a multi-stage build', () => {
  const events = decodeFixture('multistage');

  it('never shows the unused stage: BuildKit declares nothing of it and runs nothing', () => {
    expect(vertices(events).some((v) => v.stage === 'unused' || v.name.includes('should-not-run'))).toBe(false);
    expect(logs(events).some((l) => l.text.includes('should-not-run'))).toBe(false);
  });

  it('numbers vertices #1, #2, … in the order they first start, each started then done', () => {
    const firsts = [...new Map(vertices(events).map((v) => [v.n, v])).keys()];
    expect(firsts).toEqual(firsts.map((_, i) => i + 1));
    const heredoc = byName(events, '[build 5/5]');
    expect(heredoc.map((v) => v.state)).toEqual(['started', 'done']);
    expect(heredoc[1].durationMs).toBeGreaterThan(0);
  });

  it("maps each step to the learner's Dockerfile line, stage and whether it is part of the image", () => {
    const at = (prefix: string) => byName(events, prefix)[0];
    expect(at('[build 4/5]')).toMatchObject({
      stage: 'build',
      step: 4,
      steps: 5,
      line: 7,
      final: false,
      instruction: expect.stringMatching(/^RUN --mount=type=cache/),
    });
    expect(at('[build 5/5]')).toMatchObject({ line: 8, instruction: 'RUN <<SH' });
    expect(at('[stage-3 2/3]')).toMatchObject({
      stage: 'stage-3',
      line: 17,
      final: true,
      instruction: 'COPY --from=build /src/app.txt /app.txt',
    });
    expect(at('[other 2/2]')).toMatchObject({ line: 14, final: false });
    expect(at('[internal] load metadata')).toMatchObject({ internal: true });
    expect(at('[internal] load metadata').line).toBeUndefined();
    // The copy of a tar context is BuildKit's plumbing, not a step of the learner's.
    expect(byName(events, 'copy /context')).toEqual([]);
  });

  it('keeps each RUN step its own output (stdout and stderr), timed from the step start', () => {
    const heredoc = byName(events, '[build 5/5]')[0].n;
    const cache = byName(events, '[build 4/5]')[0].n;
    const out = logs(events).filter((l) => l.vertex === heredoc);
    expect(out.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'from heredoc\n'],
      ['stderr', 'second line\n'],
    ]);
    expect(out[0].at).toBeGreaterThanOrEqual(0);
    expect(logs(events).find((l) => l.vertex === cache)?.text).toBe('1 /cache/n\n');
  });

  it('shows stages BuildKit ran in parallel interleaved, as they ran', () => {
    const order = vertices(events).map((v) => `${v.name.slice(0, 12)} ${v.state}`);
    // `other` runs its RUN while `build` is still at its WORKDIR.
    expect(order.indexOf('[other 2/2]  started')).toBeLessThan(order.indexOf('[build 2/5]  done'));
  });

  it('ends with the image id and reports the exporter statuses as notes of its vertex', () => {
    expect(events.at(-1)).toEqual({ type: 'image', id: 'sha256:ce45ff245262e86b36ffbe42809ff146a05ee20184c3ed310038e0ceeca92e1c' });
    const exporting = byName(events, 'exporting to image')[0].n;
    expect(
      logs(events)
        .filter((l) => l.vertex === exporting)
        .map((l) => l.text),
    ).toEqual([
      'exporting layers 0.1s done\n',
      'writing image sha256:ce45ff245262e86b36ffbe42809ff146a05ee20184c3ed310038e0ceeca92e1c done\n',
      'naming to docker.io/library/rec-multistage:latest done\n',
    ]);
  });

  it('decodes the same events when the stream arrives in small chunks', () => {
    const d = new BuildKitStreamDecoder(planFor('multistage'));
    const text = fixture('multistage');
    const chunked: DecodedBuildEvent[] = [];
    for (let i = 0; i < text.length; i += 7) chunked.push(...d.push(text.slice(i, i + 7)));
    chunked.push(...d.end());
    expect(chunked).toEqual(events);
  });
});

describe('BuildKitStreamDecoder on a rebuild', () => {
  it('reports every Dockerfile step after FROM as cached, with no output', () => {
    const events = decodeFixture('multistage-cached');
    const steps = vertices(events).filter((v) => v.line !== undefined && !v.instruction?.startsWith('FROM'));
    expect(steps.length).toBe(7);
    expect(steps.every((v) => v.state === 'cached')).toBe(true);
    expect(logs(events).filter((l) => l.at !== undefined)).toEqual([]);
  });
});

describe('BuildKitStreamDecoder on failures', () => {
  it("maps a failing RUN to its Dockerfile line (continuation lines included) with BuildKit's error", () => {
    const events = decodeFixture('failing');
    const failed = vertices(events).find((v) => v.state === 'error');
    expect(failed).toMatchObject({ name: '[3/3] RUN echo about to fail &&     exit 3', step: 3, steps: 3, line: 4, final: true });
    expect(failed?.error).toMatch(/did not complete successfully: exit code: 3/);
    expect(logs(events).find((l) => l.vertex === failed?.n)?.text).toBe('about to fail\n');
    expect(events.at(-1)).toMatchObject({ type: 'error', line: 4, message: expect.stringMatching(/exit code: 3$/) });
  });

  it('takes the line from a Dockerfile parse error', () => {
    expect(decodeFixture('parse-error').at(-1)).toMatchObject({
      type: 'error',
      line: 2,
      message: expect.stringMatching(/unknown instruction: RUNN/),
    });
  });

  it('points a COPY of a missing file at its line', () => {
    const events = decodeFixture('missing-file');
    expect(vertices(events).find((v) => v.state === 'error')).toMatchObject({ line: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'error', line: 2 });
  });
});

describe('BuildKitStreamDecoder with --target and --build-arg', () => {
  it('builds only the target stage, marks it as the image, and the build arg reaches the step', () => {
    const events = decodeFixture('target-args', 'base');
    expect(vertices(events).some((v) => v.stage === 'final')).toBe(false);
    expect(
      vertices(events)
        .filter((v) => v.line !== undefined)
        .every((v) => v.final === true && v.stage === 'base'),
    ).toBe(true);
    expect(logs(events).map((l) => l.text)).toContain('greeting=hi there\n');
  });
});

describe('BuildKitStreamDecoder, message by message', () => {
  const trace = (msg: Parameters<typeof encodeStatusResponse>[0]) =>
    JSON.stringify({ id: 'moby.buildkit.trace', aux: Buffer.from(encodeStatusResponse(msg)).toString('base64') }) + '\n';
  const t = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

  it('turns BuildKit warnings into warning events with their line and link', () => {
    const d = new BuildKitStreamDecoder();
    const out = d.push(
      trace({
        warnings: [
          {
            vertex: 'sha256:x',
            level: 1,
            short: Buffer.from("FromAsCasing: 'as' and 'FROM' keywords' casing do not match"),
            detail: [],
            url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
            ranges: [{ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }],
          },
        ],
      }),
    );
    expect(out).toEqual([
      {
        type: 'warning',
        message: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match",
        line: 1,
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
      },
    ]);
  });

  it('announces a vertex once per change, and a cached one only as cached', () => {
    const d = new BuildKitStreamDecoder();
    const v = { digest: 'sha256:a', inputs: [], name: '[2/2] RUN true', cached: false, error: '' };
    const states = [
      ...d.push(trace({ vertexes: [v] })),
      ...d.push(trace({ vertexes: [{ ...v, started: t(1000) }] })),
      ...d.push(trace({ vertexes: [{ ...v, started: t(1000) }] })),
      ...d.push(trace({ vertexes: [{ ...v, started: t(1000), completed: t(1400) }] })),
      ...d.push(
        trace({
          vertexes: [{ digest: 'sha256:b', inputs: [], name: '[1/2] FROM x', cached: true, error: '', started: t(900), completed: t(900) }],
        }),
      ),
    ].map((e) => e.type === 'vertex' && [e.n, e.state, e.durationMs]);
    expect(states).toEqual([
      [1, 'started', undefined],
      [1, 'done', 400],
      [2, 'cached', undefined],
    ]);
  });

  it('keeps text it cannot parse as a system note and skips a malformed trace', () => {
    const d = new BuildKitStreamDecoder();
    expect(d.push('not json\n')).toEqual([{ type: 'log', text: 'not json\n', stream: 'system' }]);
    expect(d.push(JSON.stringify({ id: 'moby.buildkit.trace', aux: Buffer.from([0xff, 0xff, 0xff]).toString('base64') }) + '\n')).toEqual(
      [],
    );
  });
});
