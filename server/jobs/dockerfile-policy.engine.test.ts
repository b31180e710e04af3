import { describe, expect, it } from 'vitest';
import { docker } from '../sandbox/docker';
import { probeBuild } from '../sandbox/probe-build';
import { checkDockerfile } from './dockerfile-policy';
import { packContext } from './pack-context';

/**
 * What the policy accepts (and rewrites) for the Dockerfile of today really
 * builds on the engine: heredocs, cache, tmpfs and bind mounts, COPY --chmod/--link, and `# syntax=docker/dockerfile:1`
 * neutralised (the engine has no network to fetch a frontend with).
 */
const options = {
  isAllowedBase: (ref: string) => ref === 'busybox:latest',
  learnerImage: () => undefined,
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
    const context = await packContext([
      { path: 'Dockerfile', content: result.dockerfile },
      { path: 'a.txt', content: 'a\n' },
    ]);
    const report = await probeBuild(docker(), context);
    expect(report.errors).toEqual([]);
    expect(report.vertices.filter((v) => /^\[.*\] RUN/.test(v))).toHaveLength(4);
  });
});
