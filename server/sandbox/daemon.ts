import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { config, type Config } from '../config';
import { daemonJson } from './daemon-json';
import { ensureEngine, type EngineBinaries, MIN_ENGINE_MAJOR, which } from './engine-binaries';
import { engineIsolation, isolatedCommand } from './engine-namespace';
import { fetchRunsc, MIN_RELEASE, modernRunsc, runscArgs, runscRelease } from './gvisor';
import { pingSocket } from './ping';
import { shimDirIn, writeRuncShim } from './runc-shim';

/**
 * Lifecycle of the platform's private dockerd (Docker Engine 26+, see
 * engine-binaries.ts): its own socket, data-root and exec-root, no bridge and no
 * iptables, and a network namespace of its own with only `lo` in it
 * (engine-namespace.ts), so neither a container nor the daemon itself (remote
 * ADD, `# syntax=` frontends, pulls, git contexts) can reach any network.
 * BuildKit's RUN steps go through a `runc` shim into gVisor (runc-shim.ts).
 * The data-root sits on a fixed-size loop-mounted file, so a learner who fills
 * the disk fills only the sandbox's disk. It is XFS when xfsprogs is installed:
 * XFS allocates inodes as needed, while ext4 has a fixed number that a build of
 * many empty files could use up without being large.
 */

export class SandboxStartError extends Error {
  constructor(
    message: string,
    public readonly hint?: string,
  ) {
    super(hint ? `${message}\n  ${hint}` : message);
    this.name = 'SandboxStartError';
  }
}

export type EngineConfig = Config['engine'];
type Log = (line: string) => void;

export const APT_LINE = 'apt-get update && apt-get install -y runsc iproute2 util-linux tini debootstrap busybox-static xfsprogs';

export { which };

export function runtimeFor(engine: EngineConfig): { name: 'runsc' | 'runc'; path?: string; args?: string[]; warning?: string } {
  const runsc = which('runsc');
  if (engine.runtime === 'runc')
    return { name: 'runc', warning: 'gVisor disabled by LAYERLAB_RUNTIME=runc: learner code runs with runc only' };
  if (runsc) {
    const modern = modernRunsc(runsc, engine.gvisorDir);
    if (modern) return { name: 'runsc', path: modern, args: runscArgs(modern) };
    return {
      name: 'runsc',
      path: runsc,
      warning: `gVisor ${runscRelease(runsc) ?? '(unknown release)'} is older than ${MIN_RELEASE}: \`ls\` and \`stat\` fail with "Invalid argument" in Debian-based images. \`npm run sandbox -- stop\`, then start again with the Debian mirror reachable, fetches a newer one.`,
    };
  }
  if (engine.runtime === 'runsc') {
    throw new SandboxStartError('LAYERLAB_RUNTIME=runsc but runsc is not installed.', `Install it: ${APT_LINE}`);
  }
  return {
    name: 'runc',
    warning: 'gVisor (runsc) is not installed: learner code runs with runc only. Install it: apt-get install -y runsc',
  };
}

/** Debian 12's runsc breaks coreutils inside images: fetch a newer one once (kept in the cache). */
function ensureModernRunsc(engine: EngineConfig, log: Log) {
  const runsc = which('runsc');
  if (engine.runtime === 'runc' || !runsc || modernRunsc(runsc, engine.gvisorDir)) return;
  try {
    fetchRunsc(engine.gvisorDir, log);
  } catch (err) {
    log(`could not fetch a newer gVisor: ${(err as Error).message}`);
  }
}

function runscPathIn(daemonJsonFile: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(daemonJsonFile, 'utf8')) as { runtimes?: { runsc?: { path?: string } } }).runtimes?.runsc?.path;
  } catch {
    return undefined;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function kernelHas(fsName: string): boolean {
  return fs
    .readFileSync('/proc/filesystems', 'utf8')
    .split('\n')
    .some((l) => l.trim().split(/\s+/).at(-1) === fsName);
}

function isMounted(dir: string): boolean {
  return mountOptions(dir).length > 0;
}

function sh(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new SandboxStartError(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || '').trim()}`);
  }
}

/** A fixed-size filesystem for the data-root (sparse: uses only what it holds). */
function ensureDataDisk(engine: EngineConfig, log: Log) {
  fs.mkdirSync(engine.dataRoot, { recursive: true });
  if (isMounted(engine.dataRoot)) return;
  if (!fs.existsSync(engine.diskImage)) {
    const xfs = !!which('mkfs.xfs') && kernelHas('xfs');
    log(`creating a ${engine.diskGb} GiB sparse ${xfs ? 'XFS' : 'ext4'} disk for the engine at ${engine.diskImage}`);
    if (!xfs) log('WARNING: no XFS (xfsprogs not installed, or not in this kernel), so the disk is ext4, with a fixed number of inodes');
    fs.closeSync(fs.openSync(engine.diskImage, 'w'));
    fs.truncateSync(engine.diskImage, engine.diskGb * 1024 ** 3);
    if (xfs) sh('mkfs.xfs', ['-q', '-f', engine.diskImage]);
    else sh('mkfs.ext4', ['-q', '-F', '-m', '0', engine.diskImage]);
  }
  sh('mount', ['-o', 'loop', engine.diskImage, engine.dataRoot]);
}

function mountOptions(dir: string): string[] {
  const line = fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .find((l) => l.split(' ')[1] === dir);
  return line?.split(' ')[3]?.split(',') ?? [];
}

export function checkPrerequisites() {
  if (process.getuid?.() !== 0) {
    throw new SandboxStartError(
      'The sandbox engine must be started as root (it runs its own dockerd).',
      'Run as root, or point LAYERLAB_DOCKER_HOST at an existing sandbox engine.',
    );
  }
  const missing = ['unshare', 'ip', 'mkfs.ext4', 'apt-get', 'dpkg-deb'].filter((b) => !which(b));
  if (missing.length) {
    throw new SandboxStartError(`Missing programs: ${missing.join(', ')}.`, `Install them: ${APT_LINE}`);
  }
}

/** The engine to run: a modern system one, else Debian 13's from the cache (fetched once). */
function engineBinaries(engine: EngineConfig, log: Log): EngineBinaries {
  try {
    return ensureEngine(engine.engineDir, log);
  } catch (err) {
    throw new SandboxStartError(
      `No Docker Engine ${MIN_ENGINE_MAJOR} or newer: ${(err as Error).message}`,
      `Let this machine reach deb.debian.org once (Debian 13's docker.io is unpacked into ${engine.engineDir}), or install docker.io from Debian 13 / Ubuntu 24.04.`,
    );
  }
}

/** Why a running engine must be restarted to be what this version expects, or undefined. */
async function outdatedReason(engine: EngineConfig): Promise<string | undefined> {
  const pid = readPid(engine.pidFile);
  if (!pid) return undefined; // not ours to judge (started by hand)
  const isolation = engineIsolation(pid);
  if (!isolation.networkNamespace) return 'it shares the host network (no namespace of its own)';
  if (!isolation.pidNamespace) return 'its shims could outlive it (no pid namespace of its own)';
  const version = await engineVersion(engine.socket);
  if (version && Number(version.split('.')[0]) < MIN_ENGINE_MAJOR) return `it is Docker Engine ${version}`;
  return undefined;
}

async function engineVersion(socket: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: '/version', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          resolve((JSON.parse(body) as { Version?: string }).Version);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

const shimDirOf = (engine: EngineConfig) => shimDirIn(engine.runDir);
const nsPidFile = (engine: EngineConfig) => path.join(engine.runDir, 'dockerd-in-namespace.pid');

function writeShim(engine: EngineConfig, runtime: ReturnType<typeof runtimeFor>, limits: Config['limits']['build']) {
  writeRuncShim(shimDirOf(engine), { runsc: runtime.path!, runscArgs: runtime.args ?? [], node: process.execPath, limits });
}

/** Rewrites the limits the running engine's shim gives every BuildKit RUN step (read at each step). False when there is no shim. */
export function setBuildStepLimits(engine: EngineConfig, limits: Config['limits']['build']): boolean {
  const runtime = runtimeFor(engine);
  if (!fs.existsSync(path.join(shimDirOf(engine), 'runc')) || !runtime.path) return false;
  writeShim(engine, runtime, limits);
  return true;
}

/** The engine's process is alive (by the pid file `startDaemon` writes). */
export function engineAlive(engine: EngineConfig): boolean {
  return readPid(engine.pidFile) !== undefined;
}

const stopMarker = (engine: EngineConfig) => path.join(engine.runDir, 'stopped-on-purpose');

/** `npm run sandbox -- stop` was the last word: a supervisor leaves the engine stopped. */
export function stoppedOnPurpose(engine: EngineConfig): boolean {
  return fs.existsSync(stopMarker(engine));
}

/**
 * One start at a time per engine, across processes (the web server's supervisor,
 * `npm run sandbox`, tests): two dockerds on one data-root would corrupt it, and
 * in namespaces of their own they would not notice each other.
 */
async function withStartLock<T>(engine: EngineConfig, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(engine.runDir, { recursive: true, mode: 0o700 });
  const lock = path.join(engine.runDir, 'start.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!readPid(lock) || Date.now() > deadline) {
        fs.rmSync(lock, { force: true }); // its holder died
        continue;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Starts the private engine, or reuses one that already answers. Idempotent, also across processes. */
export function startDaemon(engine: EngineConfig, log: Log = console.log, buildLimits = config().limits.build) {
  return withStartLock(engine, () => startLocked(engine, log, buildLimits));
}

async function startLocked(engine: EngineConfig, log: Log, buildLimits: Config['limits']['build']) {
  fs.rmSync(stopMarker(engine), { force: true });
  if (await pingSocket(engine.socket)) {
    const outdated = await outdatedReason(engine);
    if (!outdated) {
      log(`sandbox engine already running on ${engine.socket}`);
      // The shim reads its limits at every RUN step: keep them in step with the configuration.
      setBuildStepLimits(engine, buildLimits);
      const running = runscPathIn(engine.daemonJson);
      const wanted = runtimeFor(engine).path;
      if (running && wanted && running !== wanted) {
        log(`It runs gVisor from ${running}; ${wanted} is the one to use. Restart it: npm run sandbox -- stop && npm run sandbox -- start`);
      }
      return { reused: true, runtime: runtimeFor(engine) };
    }
    log(`restarting the sandbox engine: ${outdated}`);
    await stopDaemon(engine, log, { onPurpose: false });
  }
  checkPrerequisites();
  const bins = engineBinaries(engine, log);
  ensureModernRunsc(engine, log);
  const runtime = runtimeFor(engine);
  if (runtime.warning) log(`WARNING: ${runtime.warning}`);

  const stalePid = readPid(engine.pidFile);
  if (stalePid) {
    log(`stopping an unresponsive sandbox engine (pid ${stalePid})`);
    await stopDaemon(engine, log, { onPurpose: false });
  }
  fs.mkdirSync(engine.sandboxDir, { recursive: true });
  fs.mkdirSync(engine.runDir, { recursive: true, mode: 0o700 });
  ensureDataDisk(engine, log);
  fs.writeFileSync(engine.daemonJson, JSON.stringify(daemonJson(runtime, { diskGb: engine.diskGb }), null, 2));
  fs.rmSync(engine.socket, { force: true });
  // State of an engine that was killed (its namespace, and every process in it, is gone): stale pid
  // files there name pids of the new namespace ("1" would be dockerd itself) and stop start-up.
  fs.rmSync(nsPidFile(engine), { force: true });
  try {
    fs.rmSync(engine.execRoot, { recursive: true, force: true });
  } catch (err) {
    log(`could not clear ${engine.execRoot}: ${(err as Error).message}`);
  }
  // BuildKit runs RUN steps with the first `runc` on dockerd's PATH: ours, into gVisor.
  const shimDir = shimDirOf(engine);
  fs.rmSync(shimDir, { recursive: true, force: true });
  if (runtime.name === 'runsc' && runtime.path) writeShim(engine, runtime, buildLimits);
  const PATH = [...(runtime.name === 'runsc' ? [shimDir] : []), ...bins.pathDirs, process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'].join(
    ':',
  );

  const started = Date.now();
  rotateLog(engine.logFile);
  const out = fs.openSync(engine.logFile, 'a');
  const [cmd, ...args] = isolatedCommand([
    bins.dockerd,
    `--host=unix://${engine.socket}`,
    `--data-root=${engine.dataRoot}`,
    `--exec-root=${engine.execRoot}`,
    // dockerd is pid 1 of its namespace, so it would write "1": the host's pid file is ours (below).
    `--pidfile=${nsPidFile(engine)}`,
    `--config-file=${engine.daemonJson}`,
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-forward=false',
    '--ip-masq=false',
    '--userland-proxy=false',
  ]);
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, PATH } });
  child.unref();
  fs.closeSync(out);

  const deadline = Date.now() + 60_000;
  let pid: number | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    pid ??= namespaceInit(child.pid!);
    if (pid) fs.writeFileSync(engine.pidFile, `${pid}\n`);
    if (pid && (await pingSocket(engine.socket))) {
      fs.chmodSync(engine.socket, 0o600);
      log(
        `sandbox engine started on ${engine.socket} in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(Docker Engine ${bins.version}, runtime ${runtime.name}, own network and pid namespaces, pid ${pid})`,
      );
      return { reused: false, runtime };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = fs.readFileSync(engine.logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new SandboxStartError(`The sandbox engine did not start. Last lines of ${engine.logFile}:\n${tail}`);
}

export async function stopDaemon(engine: EngineConfig, log: Log = console.log, { unmount = false, onPurpose = true } = {}) {
  if (onPurpose && fs.existsSync(engine.runDir)) fs.writeFileSync(stopMarker(engine), '');
  const pid = readPid(engine.pidFile);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && readPid(engine.pidFile) === pid) {
      await new Promise((r) => setTimeout(r, 200));
    }
    if (readPid(engine.pidFile) === pid) process.kill(pid, 'SIGKILL');
    log(`sandbox engine stopped (pid ${pid})`);
  } else {
    log('sandbox engine is not running');
  }
  if (unmount && isMounted(engine.dataRoot)) {
    sh('umount', [engine.dataRoot]);
    log(`unmounted ${engine.dataRoot}`);
  }
}

/** Keeps one previous engine log when the current one passed 10 MiB (each start appends to it). */
function rotateLog(file: string) {
  try {
    if (fs.statSync(file).size > 10 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

/** dockerd's pid on the host: the child `unshare --fork` started (sh, which execs dockerd). */
function namespaceInit(unsharePid: number): number | undefined {
  try {
    const children = fs.readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** How the local engine is isolated: its namespaces and what runs BuildKit's RUN steps; undefined when it is not running. */
export function localIsolation(engine: EngineConfig) {
  const pid = readPid(engine.pidFile);
  if (!pid) return undefined;
  return {
    ...engineIsolation(pid),
    buildRuntime: fs.existsSync(path.join(shimDirOf(engine), 'runc')) ? 'runsc (runc shim)' : 'runc',
  };
}

export async function daemonStatus(engine: EngineConfig) {
  const pid = readPid(engine.pidFile);
  return {
    pid,
    socket: engine.socket,
    version: pid ? await engineVersion(engine.socket) : undefined,
    dataRootMounted: fs.existsSync(engine.dataRoot) && isMounted(path.resolve(engine.dataRoot)),
    isolation: localIsolation(engine),
  };
}
