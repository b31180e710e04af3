import { describe, expect, it } from 'vitest';
import { buildOptionsSchema } from '@/lib/build-options';
import { createBuildSchema } from './schema';

const files = [{ path: 'Dockerfile', content: 'FROM busybox:latest\n' }];
const issue = (input: object) => {
  const r = createBuildSchema.safeParse({ files, ...input });
  return r.success ? undefined : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
};

describe('build args and target in POST /api/builds', () => {
  it('accepts ARG-style names with any value, and a stage name as target', () => {
    expect(createBuildSchema.parse({ files, buildArgs: { GREETING: 'hi there', _x1: '' }, target: 'build-stage.1' })).toMatchObject({
      buildArgs: { GREETING: 'hi there', _x1: '' },
      target: 'build-stage.1',
    });
  });

  it('refuses bad names, BUILDKIT_* control args and bad targets, naming the field', () => {
    expect(issue({ buildArgs: { '1ABC': 'x' } })).toMatch(/^buildArgs\.1ABC: a build arg name is letters, digits and _/);
    expect(issue({ buildArgs: { 'A B': 'x' } })).toMatch(/^buildArgs\.A B: /);
    // BUILDKIT_CACHE_MOUNT_NS would reach another learner's cache mounts; BUILDKIT_SYNTAX would fetch a frontend.
    expect(issue({ buildArgs: { BUILDKIT_CACHE_MOUNT_NS: 'someone-else' } })).toMatch(/BUILDKIT_\* build args control the builder itself/);
    expect(issue({ buildArgs: { buildkit_syntax: 'x' } })).toMatch(/BUILDKIT_\*/);
    expect(issue({ buildArgs: { A: 'x'.repeat(4097) } })).toMatch(/^buildArgs\.A: a build arg value has at most 4096 characters/);
    expect(issue({ buildArgs: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`A${i}`, ''])) })).toMatch(
      /^buildArgs: at most 64 build args/,
    );
    expect(issue({ target: '-rf' })).toMatch(/^target: a stage name starts with a letter/);
    expect(issue({ target: 'a b' })).toMatch(/^target: /);
  });

  it('is the same check the job layer applies to other callers', () => {
    expect(buildOptionsSchema.safeParse({ buildArgs: { BUILDKIT_INLINE_CACHE: '1' } }).success).toBe(false);
    expect(buildOptionsSchema.safeParse({ buildArgs: { A: '1' }, target: 'base' }).success).toBe(true);
  });
});
