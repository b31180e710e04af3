import { describe, expect, it } from 'vitest';
import { catalog, catalogRefs, findCatalogImage, imageKey, isCatalogImage, normalizeRef, rootfsKey } from './catalog';

describe('normalizeRef', () => {
  it.each([
    ['busybox', 'busybox:latest'],
    ['BusyBox', 'busybox:latest'],
    ['  python:3.11-slim ', 'python:3.11-slim'],
    ['library/python:3.11-slim', 'python:3.11-slim'],
    ['docker.io/library/python:3.11-slim', 'python:3.11-slim'],
    ['docker.io/python:3.11-slim', 'python:3.11-slim'],
    ['index.docker.io/library/node:18-slim', 'node:18-slim'],
    ['docker.io/someone/tool', 'someone/tool:latest'],
    ['ghcr.io/org/app:1.2', 'ghcr.io/org/app:1.2'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['my-registry.local:5000/team/app:v1', 'my-registry.local:5000/team/app:v1'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRef(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['python@sha256:' + 'a'.repeat(64), 'digest'],
    ['python:3.11-slim@sha256:' + 'a'.repeat(64), 'tag and digest'],
    ['python:', 'empty tag'],
    ['python:-bad', 'tag starting with a dash'],
    ['py thon', 'whitespace'],
    ['-python', 'leading dash'],
    ['python//x', 'empty path component'],
    ['python:' + 'x'.repeat(129), 'tag too long'],
    ['$(evil)', 'shell junk'],
  ])('rejects %s (%s)', (input) => {
    expect(normalizeRef(input)).toBeUndefined();
  });
});

describe('catalog', () => {
  it('lists the images lessons rely on, normalised and unique', () => {
    const refs = catalogRefs();
    expect(refs).toEqual(expect.arrayContaining(['python:3.11-slim', 'debian:bookworm-slim', 'busybox:latest', 'node:18-slim']));
    expect(new Set(refs).size).toBe(refs.length);
    for (const c of catalog) {
      expect(normalizeRef(c.ref)).toBe(c.ref);
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.config.Cmd.length).toBeGreaterThan(0);
      expect(c.config.Env.some((e) => e.startsWith('PATH='))).toBe(true);
    }
  });

  it('recognises catalog images in any spelling and nothing else', () => {
    expect(isCatalogImage('busybox')).toBe(true);
    expect(isCatalogImage('docker.io/library/python:3.11-slim')).toBe(true);
    expect(findCatalogImage('NODE:18-slim')?.ref).toBe('node:18-slim');
    expect(isCatalogImage('python:3.12-slim')).toBe(false);
    expect(isCatalogImage('ghcr.io/library/python:3.11-slim')).toBe(false);
    expect(isCatalogImage('python@sha256:' + 'a'.repeat(64))).toBe(false);
  });

  it('keys stand-ins by recipe: config changes re-import, only recipe changes rebuild the rootfs', () => {
    const py = findCatalogImage('python:3.11-slim')!;
    const otherCmd = { ...py, config: { ...py.config, Cmd: ['bash'] } };
    const otherPkgs = { ...py, recipe: { ...py.recipe, packages: ['python3'] } };
    expect(rootfsKey(py)).toBe(rootfsKey(structuredClone(py)));
    expect(rootfsKey(otherCmd)).toBe(rootfsKey(py));
    expect(imageKey(otherCmd)).not.toBe(imageKey(py));
    expect(rootfsKey(otherPkgs)).not.toBe(rootfsKey(py));
    expect(new Set(catalog.map(rootfsKey)).size).toBe(catalog.length);
  });
});
