import { afterAll, describe, expect, it } from 'vitest';
import { renderPlainProgress } from '@/lib/build-progress';
import { parseDockerfile } from '@/lib/dockerfile';
import type { DoneEvent, JobEvent, LogEvent, VertexEvent } from '@/lib/events';
import { config } from '../../config';
import { packContext } from '../../jobs/pack-context';
import { dockerEngine } from '../docker-engine';
import { removeLearnerImages } from '../remove-learner-images';

/**
 * BuildKit through the real sandbox engine (no mocks): what a learner's `docker build`
 * does on their laptop — unused stages skipped, heredocs, cache mounts, CACHED on a
 * rebuild, failures on their line, --target and --build-arg — and cache mounts kept
 * apart per learner. Dockerfiles go straight to the engine (the policy is tested on its own).
 */

const engine = dockerEngine();
const LEARNER = `bk${Date.now().toString(36)}`;
const OTHER = `bk2${Date.now().toString(36)}`;
let n = 0;

async function build(
  dockerfile: string,
  opts: { noCache?: boolean; buildArgs?: Record<string, string>; target?: string; learner?: string; files?: Record<string, string> } = {},
) {
  const learner = opts.learner ?? LEARNER;
  const steps = parseDockerfile(dockerfile).instructions.map((ins, i) => ({
    index: i + 1,
    line: ins.line,
    instruction: ins.original.trim(),
  }));
  const context = await packContext([
    { path: 'Dockerfile', content: dockerfile },
    ...Object.entries(opts.files ?? {}).map(([path, content]) => ({ path, content })),
  ]);
  const events: JobEvent[] = [];
  for await (const ev of engine.build(
    {
      jobId: `bktest-${process.pid}-${++n}`,
      context,
      ref: `layerlab-${learner}/bk${n}:latest`,
      steps,
      limits: config().limits.build,
      noCache: opts.noCache,
      buildArgs: opts.buildArgs,
      target: opts.target,
      cacheNamespace: learner,
    },
    new AbortController().signal,
  ))
    events.push(ev);
  const vertices = events.filter((e): e is VertexEvent => e.type === 'vertex');
  const output = (pattern: string) => {
    const v = vertices.find((x) => x.name.includes(pattern));
    return events
      .filter((e): e is LogEvent => e.type === 'log' && e.vertex !== undefined && e.vertex === v?.n)
      .map((e) => e.text)
      .join('');
  };
  return { events, vertices, output, done: events.at(-1) as DoneEvent, text: renderPlainProgress(events) };
}

afterAll(async () => {
  await removeLearnerImages([LEARNER, OTHER]);
});

const multiStage = `FROM busybox:latest AS unused
RUN echo should-not-run

FROM busybox:latest AS build
WORKDIR /src
RUN --mount=type=cache,target=/cache echo run >> /cache/runs && echo "cache-mount-ok"
RUN <<EOF
echo from-heredoc
echo to-stderr >&2
echo from-heredoc
echo to-stderr >&2
EOF

FROM busybox:latest AS other
RUN echo other-stage > /o.txt

FROM busybox:latest
COPY --from=build /src /src
COPY --from=other /o.txt /o.txt
CMD ["cat", "/o.txt"]
`;

describe('BuildKit builds (real engine)', () => {
  it('skips an unused stage, runs heredocs and cache mounts, and reports every step CACHED on a rebuild', async () => {
    const first = await build(multiStage, { noCache: true });
    expect(first.done.state, first.text).toBe('succeeded');
    expect(first.text).not.toContain('should-not-run');
    expect(first.vertices.some((v) => v.stage === 'unused')).toBe(false);
    // (Docker 26.1 sometimes sends a heredoc step's lines twice when /build has limits; the CLI would show them twice too.)
    expect(first.output('RUN <<EOF')).toContain('from-heredoc\n');
    expect(first.output('RUN <<EOF')).toContain('to-stderr\n');
    expect(first.output('--mount=type=cache')).toContain('cache-mount-ok');
    const heredoc = first.vertices.find((v) => v.name.includes('RUN <<EOF') && v.state === 'done');
    expect(heredoc).toMatchObject({ stage: 'build', line: 7, final: false });
    expect(first.text).toMatch(/#\d+ \[build 4\/4\] RUN <<EOF \(echo from-heredoc\.\.\.\)\n/);

    const again = await build(multiStage);
    expect(again.done.state).toBe('succeeded');
    const steps = again.vertices.filter((v) => v.line !== undefined && !v.instruction?.startsWith('FROM'));
    expect(steps.length).toBe(6);
    expect(steps.every((v) => v.state === 'cached')).toBe(true);
    expect(again.text.match(/#\d+ CACHED\n/g)?.length).toBeGreaterThanOrEqual(6);
    // Nothing ran again: no step printed output.
    expect(again.text).not.toMatch(/#\d+ \d+\.\d{3} /);
  });

  it("maps a failing step to its Dockerfile line and explains it in the learner's words", async () => {
    const b = await build('FROM busybox:latest\nENV A=1\nRUN echo before\nRUN echo failing && \\\n    exit 7\nCMD ["sh"]\n', {
      noCache: true,
    });
    expect(b.done.state).toBe('failed');
    expect(b.done.error).toMatchObject({
      code: 'build_failed',
      line: 4,
      message: 'The command `echo failing &&     exit 7` failed with exit code 7.',
    });
    const failed = b.vertices.find((v) => v.state === 'error');
    expect(failed).toMatchObject({ line: 4, name: '[3/3] RUN echo failing &&     exit 7' });
    expect(b.text).toMatch(/#(\d+) \d\.\d{3} failing\n#\1 ERROR: The command `echo failing && {5}exit 7` failed with exit code 7\.\n/);
  });

  it('honours --target (later stages never run) and --build-arg (the ARG gets the value)', async () => {
    const dockerfile =
      'ARG GREETING=hello\nFROM busybox:latest AS base\nARG GREETING\nRUN echo "greeting=$GREETING"\n\nFROM base AS final\nRUN echo final-stage-ran\n';
    const b = await build(dockerfile, { target: 'base', buildArgs: { GREETING: 'hi from the API' }, noCache: true });
    expect(b.done.state, b.text).toBe('succeeded');
    expect(b.output('greeting=')).toBe('greeting=hi from the API\n');
    expect(b.text).not.toContain('final-stage-ran');
    expect(b.vertices.filter((v) => v.line !== undefined).every((v) => v.final === true)).toBe(true);

    const whole = await build(dockerfile, { noCache: true });
    expect(whole.output('greeting=')).toBe('greeting=hello\n');
    expect(whole.text).toContain('final-stage-ran');

    const missing = await build(dockerfile, { target: 'nope' });
    expect(missing.done.error?.message).toMatch(/no stage named "nope"/);
  });

  it("keeps learners' RUN --mount=type=cache data apart, even under the same cache id", async () => {
    // Not noCache: BuildKit gives a --no-cache build empty cache mounts. A build arg used by the step reruns it instead.
    const secret = `secret-${Date.now()}`;
    const nonce = String(Date.now());
    const write = `FROM busybox:latest\nARG NONCE\nRUN --mount=type=cache,id=shared,target=/c echo "$NONCE" && echo ${secret} > /c/s && echo wrote\n`;
    const read = `FROM busybox:latest\nARG NONCE\nRUN --mount=type=cache,id=shared,target=/c echo "$NONCE"; cat /c/s 2>/dev/null || echo nothing-there\n`;
    expect((await build(write, { buildArgs: { NONCE: `w${nonce}` } })).done.state).toBe('succeeded');
    const own = await build(read, { buildArgs: { NONCE: `a${nonce}` } });
    expect(own.output('cat /c/s')).toContain(secret);
    const other = await build(read, { buildArgs: { NONCE: `b${nonce}` }, learner: OTHER });
    expect(other.output('cat /c/s')).toContain('nothing-there');
    expect(other.output('cat /c/s')).not.toContain(secret);
  });
});
