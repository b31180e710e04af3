import { describe, expect, it } from 'vitest';
import { learnerTagSchema, MAX_LEARNER_TAG_LENGTH, parseImageRef } from './image-ref';

describe('learnerTagSchema', () => {
  it.each(['my-app', 'my-app:v2', 'app', 'a.b', 'a__b', 'a---b', 'team/app:1.0', 'x:_tag', 'x:Tag.1-2', 'a1/b2/c3:latest'])(
    'accepts %s',
    (tag) => expect(learnerTagSchema.safeParse(tag).success).toBe(true),
  );

  it.each([
    '',
    'My-App',
    '-app',
    'app-',
    'a..b',
    'a___b',
    'app:',
    'app:-x',
    'app:.x',
    'app:' + 'x'.repeat(129),
    'app@sha256:' + 'a'.repeat(64),
    'localhost:5000/app',
    'localhost/app',
    'registry.example.com/app',
    'evil.com/x:1',
    'a//b',
    '/app',
    'app/',
    'app name',
    'app\n',
    'x'.repeat(MAX_LEARNER_TAG_LENGTH + 1),
  ])('refuses %j', (tag) => expect(learnerTagSchema.safeParse(tag).success).toBe(false));

  it('accepts exactly the maximum length', () => {
    expect(learnerTagSchema.safeParse('x'.repeat(MAX_LEARNER_TAG_LENGTH)).success).toBe(true);
  });

  it('explains a registry host', () => {
    const result = learnerTagSchema.safeParse('evil.com/x');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/registry host/);
  });
});

describe('parseImageRef', () => {
  it('defaults the tag to latest', () => {
    expect(parseImageRef('busybox')).toEqual({ name: 'busybox', tag: 'latest' });
    expect(parseImageRef('python:3.13-slim')).toEqual({ name: 'python', tag: '3.13-slim' });
  });

  it('accepts a registry host with a port', () => {
    expect(parseImageRef('localhost:5000/team/app:v1')).toEqual({ name: 'localhost:5000/team/app', tag: 'v1' });
  });

  it.each(['', 'Python', 'python:', 'python@sha256:' + 'a'.repeat(64), 'a b', '$IMG', ':tag', 'x:' + 'y'.repeat(129)])(
    'refuses %j',
    (ref) => expect(parseImageRef(ref)).toBeUndefined(),
  );
});

describe('registryHost', () => {
  it('finds the registry host the way Docker reads one, and nothing in plain names', async () => {
    const { registryHost } = await import('./image-ref');
    expect(registryHost('127.0.0.1:5000/x:latest')).toBe('127.0.0.1:5000');
    expect(registryHost('127.0.0.1:5000/x')).toBe('127.0.0.1:5000');
    expect(registryHost('localhost/x')).toBe('localhost');
    expect(registryHost('ghcr.io/org/app:v1')).toBe('ghcr.io');
    expect(registryHost('my-app:v1')).toBeUndefined();
    expect(registryHost('team/app')).toBeUndefined();
  });
});
