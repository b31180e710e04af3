/**
 * The base images lessons may build FROM, as data, plus pure helpers to
 * normalise image references. Isomorphic: the Dockerfile policy (browser and
 * server) and the provisioner (server) both read it.
 *
 * No registry is reachable in a classroom sandbox, so every entry also carries
 * a stand-in recipe: how to build a look-alike from Debian packages
 * (server/images/provision.ts). Changing a recipe or its config re-provisions
 * the stand-in on the next `npm run images`.
 */

export type ImageConfig = {
  Cmd: string[];
  /** `NAME=value`; `${VERSION}` is replaced by the version of `versionOf` found in the built rootfs. */
  Env: string[];
  WorkingDir?: string;
};

export type DebootstrapRecipe = {
  kind: 'debootstrap';
  suite: 'bookworm';
  /** Added to debootstrap's minbase set with --include (Depends only, no Recommends). */
  packages: string[];
  /** Absolute paths deleted after install. */
  remove?: string[];
  /** link path → target. */
  symlinks?: Record<string, string>;
  /** Debian package whose upstream version fills `${VERSION}` in Env. */
  versionOf?: string;
};

export type BusyboxRecipe = {
  kind: 'busybox';
  /** Host path of a static busybox (Debian's busybox-static). */
  binary: string;
};

export type CatalogImage = {
  /** Normalised reference, e.g. `python:3.11-slim`. */
  ref: string;
  description: string;
  recipe: DebootstrapRecipe | BusyboxRecipe;
  config: ImageConfig;
};

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const catalog: readonly CatalogImage[] = [
  {
    ref: 'debian:bookworm-slim',
    description: 'Debian 12 with only the essential packages: bash, apt, coreutils.',
    recipe: { kind: 'debootstrap', suite: 'bookworm', packages: [] },
    config: { Cmd: ['bash'], Env: [PATH_ENV] },
  },
  {
    ref: 'python:3.11-slim',
    description: 'Python 3.11 with pip on Debian 12; `python` and `pip` are on the PATH.',
    recipe: {
      kind: 'debootstrap',
      suite: 'bookworm',
      packages: ['python3', 'python3-pip', 'python3-venv'],
      // Debian marks its Python as externally managed (PEP 668); the official image does not.
      remove: ['/usr/lib/python3.11/EXTERNALLY-MANAGED'],
      symlinks: {
        '/usr/local/bin/python': '/usr/bin/python3',
        '/usr/local/bin/pip': '/usr/bin/pip3',
      },
      versionOf: 'python3.11',
    },
    config: {
      Cmd: ['python3'],
      Env: [
        'PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin',
        'LANG=C.UTF-8',
        'PYTHON_VERSION=${VERSION}',
        // Without a network pip's self-check can only fail; skip it so builds stay quiet.
        'PIP_DISABLE_PIP_VERSION_CHECK=1',
      ],
    },
  },
  {
    ref: 'node:18-slim',
    description: 'Node.js 18 on Debian 12 (no npm: its dependencies would triple the image and no registry is reachable).',
    recipe: { kind: 'debootstrap', suite: 'bookworm', packages: ['nodejs'], versionOf: 'nodejs' },
    config: { Cmd: ['node'], Env: [PATH_ENV, 'NODE_VERSION=${VERSION}'] },
  },
  {
    ref: 'busybox:latest',
    description: 'A 2 MB image: one static busybox binary providing sh, ls, wget and ~300 other tools.',
    recipe: { kind: 'busybox', binary: '/bin/busybox' },
    config: { Cmd: ['sh'], Env: [PATH_ENV] },
  },
];

// Docker's reference grammar, lowercased (distribution/reference).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[a-z0-9_][a-z0-9_.-]{0,127}$/;
const HOST = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+)(?::\d+)?$/;

/**
 * `busybox` → `busybox:latest`; `docker.io/library/python:3.11-slim` → `python:3.11-slim`.
 * Returns undefined for digests (`@sha256:…`: we cannot honour a pinned digest
 * with a stand-in) and for anything that is not a valid reference.
 */
export function normalizeRef(ref: string): string | undefined {
  let r = ref.trim().toLowerCase();
  if (!r || r.includes('@') || /\s/.test(r)) return undefined;

  let tag = 'latest';
  const lastSlash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = r.slice(colon + 1);
    r = r.slice(0, colon);
  }
  if (!TAG.test(tag)) return undefined;

  const parts = r.split('/');
  const first = parts[0];
  // Like Docker: the first component is a registry host when it has a dot, a port, or is localhost.
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !HOST.test(first)) return undefined;
  if (hasHost && ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(first)) parts.shift();
  else if (hasHost) {
    const path = parts.slice(1);
    return path.every((p) => COMPONENT.test(p)) ? `${first}/${path.join('/')}:${tag}` : undefined;
  }
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  return `${parts.join('/')}:${tag}`;
}

/** The catalog entry for a reference in any accepted spelling. */
export function findCatalogImage(ref: string): CatalogImage | undefined {
  const n = normalizeRef(ref);
  return n === undefined ? undefined : catalog.find((c) => c.ref === n);
}

export function isCatalogImage(ref: string): boolean {
  return findCatalogImage(ref) !== undefined;
}

export function catalogRefs(): string[] {
  return catalog.map((c) => c.ref);
}
