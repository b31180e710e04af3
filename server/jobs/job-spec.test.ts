import { describe, expect, it } from 'vitest';
import { buildSpecDockerfile, readBuildSpec } from './job-spec';

describe('the stored build spec', () => {
  it('reads what submitBuild writes, and the Dockerfile in it', () => {
    const spec = readBuildSpec({
      files: [
        { path: 'Dockerfile', content: 'FROM busybox\n' },
        { path: 'a.txt', content: 'a' },
      ],
      tag: 'app',
      target: 'test',
    });
    expect(spec?.target).toBe('test');
    expect(buildSpecDockerfile(spec)).toBe('FROM busybox\n');
  });

  it('reads a trimmed spec as trimmed', () => {
    expect(
      readBuildSpec({ files: [{ path: 'Dockerfile', content: 'FROM busybox\n' }], tag: 'app', filesTrimmed: true })?.filesTrimmed,
    ).toBe(true);
  });

  it("is undefined for a run's spec or a damaged one, and so is its Dockerfile", () => {
    expect(readBuildSpec({ image: 'app', lesson: 'x' })).toBeUndefined();
    expect(readBuildSpec({ files: 'Dockerfile', tag: 'app' })).toBeUndefined();
    expect(buildSpecDockerfile(readBuildSpec(null))).toBeUndefined();
  });
});
