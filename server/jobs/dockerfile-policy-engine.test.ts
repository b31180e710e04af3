import { describe, expect, it } from 'vitest';
import { docker } from '../sandbox/docker';
import { probeBuild } from '../sandbox/probe-build';
import { checkDockerfile } from './dockerfile-policy';
import { packContext } from './pack-context';

/**
 * What the policy accepts (and rewrites) for the Dockerfile of today really
 * builds on the engine: heredocs, cache mounts with the learner's own ids,
 * tmpfs and bind mounts, COPY --chmod/--link, and `# syntax=docker/dockerfile:1`
 * neutralised (the engine has no network to fetch a frontend with).
 */
const options = {
  isAllowedBase: (ref: string) => ref === 'busybox:latest',
  learnerImage: () => undefined,
  cacheNamespace: 'layerlab-policy-engine-test',
};

describe('policy output on the engine', () => {
  it('builds every BuildKit feature the policy allows', async () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# escape=\\',
      'FROM busybox:latest AS src',
      'RUN <<EOF',
      'echo from-heredoc > /s',
      'EOF',
      'FROM busybox:latest',
      'COPY --chmod=600 --link a.txt /a.txt',
      'RUN --mount=type=cache,target=/cache echo cached > /cache/x && test "$(stat -c %a /a.txt)" = 600',
      'RUN --mount=type=tmpfs,target=/t --mount=type=bind,from=src,source=/s,target=/m grep from-heredoc /m',
      'RUN --network=none true',
      '',
    ].join('\n');
    const result = checkDockerfile(text, options);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.dockerfile).toContain('id=layerlab-policy-engine-test:/cache');
    const context = await packContext([{ path: 'Dockerfile', content: result.dockerfile }, { path: 'a.txt', content: 'a\n' }]);
    const report = await probeBuild(docker(), context);
    expect(report.errors).toEqual([]);
    expect(report.vertices.filter((v) => /^\[.*\] RUN/.test(v))).toHaveLength(4);
  });

  it("keeps one learner's cache mount out of another's (the engine shares a cache by id)", async () => {
    const token = `t${process.pid}${Date.now()}`;
    const write = `FROM busybox:latest\nRUN --mount=type=cache,target=/cache echo ${token} > /cache/${token}\n`;
    const read = `FROM busybox:latest\nRUN --mount=type=cache,target=/cache cat /cache/${token} && echo seen-${token}\n`;
    const build = async (text: string, namespace?: string) => {
      const result = namespace ? checkDockerfile(text, { ...options, cacheNamespace: namespace }) : { ok: true as const, dockerfile: text };
      if (!result.ok) throw new Error(JSON.stringify(result));
      return probeBuild(docker(), await packContext([{ path: 'Dockerfile', content: result.dockerfile }]));
    };
    expect((await build(write, 'layerlab-learner-a')).errors).toEqual([]);
    // Learner b's build does not see learner a's file...
    expect((await build(read, 'layerlab-learner-b')).errors).not.toEqual([]);
    // ...while learner a sees it, as the same id would have let b without the policy's rewrite.
    expect((await build(read, 'layerlab-learner-a')).errors).toEqual([]);
  });
});
