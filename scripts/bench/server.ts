import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupMembers } from './proc';
import { sleep } from './stats';

/**
 * The server under test: one already listening at BENCH_URL, or a `next start`
 * of the production build that we start on our own port, in its own process
 * group, and stop by that group. Only then do we know the next-server pid(s)
 * whose memory and CPU the load sections read.
 */

export type Server = {
  base: string;
  /** Pids of the next-server process(es), or [] for a server we did not start. */
  pids: number[];
  /** True when `next build` replaced (or is replacing) the build our server started from. */
  stale(): boolean;
  /** Waits for a running `next build`, then restarts our server on the new build if it changed. */
  refresh(): Promise<boolean>;
  stop(): Promise<void>;
};

const distDir = process.env.LAYERLAB_NEXT_DIR || '.next';
const buildId = () => {
  try {
    return fs.readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();
  } catch {
    return '';
  }
};

/** A `next build` into our build folder running in this checkout (a test run or another shell may build concurrently). */
function buildRunning(): boolean {
  const cwd = process.cwd();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const i = args.findIndex((a) => /(^|\/)next$/.test(a));
      if (i < 0 || args[i + 1] !== 'build') continue;
      if (fs.readlinkSync(`/proc/${entry}/cwd`) !== cwd) continue;
      // Only a build into our folder matters (`npm test` builds into .next-test).
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const dir = env.find((e) => e.startsWith('LAYERLAB_NEXT_DIR='))?.slice('LAYERLAB_NEXT_DIR='.length) || '.next';
      if (dir === distDir) return true;
    } catch {
      // gone, or not ours to read
    }
  }
  return false;
}

async function waitForBuild(maxMs = 300_000) {
  const deadline = Date.now() + maxMs;
  let said = false;
  while ((buildRunning() || !buildId()) && Date.now() < deadline) {
    if (!said) process.stdout.write('  a `next build` is running in this checkout; waiting for it\n');
    said = true;
    await sleep(2000);
  }
  await sleep(said ? 1000 : 0);
}

async function healthy(base: string) {
  try {
    return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

async function waitHealthy(base: string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await healthy(base)) return true;
    await sleep(300);
  }
  return false;
}

export async function ensureServer(opts: { port: number; url?: string }): Promise<Server> {
  const base = opts.url ?? `http://127.0.0.1:${opts.port}`;
  if (opts.url || (await healthy(base))) {
    if (!(await healthy(base))) throw new Error(`no healthy server at ${base}`);
    return { base, pids: [], stale: () => false, refresh: async () => false, stop: async () => undefined };
  }
  if (!buildId() && !buildRunning()) {
    process.stdout.write(`  no production build in ${distDir}: running \`next build\` first\n`);
    execFileSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  await waitForBuild();
  if (!buildId()) throw new Error(`No production build in ${distDir}: run \`NEXT_TELEMETRY_DISABLED=1 npx next build\` first.`);
  let server = await startServer(opts.port, base);
  const handle: Server = {
    base,
    pids: server.pids,
    stale: () => buildRunning() || buildId() !== server.buildId,
    async refresh() {
      if (!handle.stale()) return false;
      await waitForBuild();
      await server.stop();
      server = await startServer(opts.port, base);
      handle.pids = server.pids;
      return true;
    },
    stop: () => server.stop(),
  };
  return handle;
}

async function startServer(port: number, base: string) {
  const startedFrom = buildId();
  // Our own database, so starting up never marks another server's jobs as interrupted.
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-db-'));
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, stopped as a whole
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      LAYERLAB_DB_PATH: path.join(dbDir, 'bench.db'),
      // The simulated class is anonymous sessions all on 127.0.0.1: the walls against floods from one
      // address (docs/security.md) would throttle it. The bench measures throughput, so it opens them.
      LAYERLAB_CLASS_SHARE: '0',
      LAYERLAB_MAX_QUEUED_PER_ADDRESS: '100000',
      LAYERLAB_NEW_SESSIONS_PER_MIN: '100000',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const pgid = child.pid!;
  const stop = async () => {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && groupMembers(pgid, '').length; i++) await sleep(100);
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
    fs.rmSync(dbDir, { recursive: true, force: true });
  };
  if (!(await waitHealthy(base, 60_000))) {
    await stop();
    throw new Error(`the server did not start:\n${stderr}`);
  }
  return { pids: groupMembers(pgid, 'next-server'), buildId: startedFrom, stop };
}
