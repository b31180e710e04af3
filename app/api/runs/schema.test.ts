import { describe, expect, it } from 'vitest';
import { createRunSchema } from './schema';

describe('createRunSchema', () => {
  it('accepts an image, a command and environment variables', () => {
    const r = createRunSchema.safeParse({ image: 'my-python-app:latest', command: ['python', 'app.py'], env: { NAME: 'World', _X1: '' } });
    expect(r.success).toBe(true);
  });

  it('names a bad variable name and says what a name may be', () => {
    const r = createRunSchema.safeParse({ image: 'app', env: { 'A=B': 'x' } });
    expect(r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
      { path: 'env.A=B', message: 'variable names are letters, digits and _, not starting with a digit' },
    ]);
  });

  it('refuses NUL bytes and unknown fields', () => {
    expect(createRunSchema.safeParse({ image: 'app', command: ['a\0b'] }).success).toBe(false);
    expect(createRunSchema.safeParse({ image: 'app', privileged: true }).success).toBe(false);
  });
});
