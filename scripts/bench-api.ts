/**
 * `npm run bench:api`: the platform's overhead on top of the daemon. Builds the seed
 * lesson's solution through the HTTP API and with the plain `docker` CLI against the
 * same sandbox engine and context, interleaved (A/B), cached and --no-cache, and
 * measures the time from POST to the first event and to the first daemon line.
 * Traffic goes to loopback only. A benchmark, not a test: it prints figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../server/config';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BASE = process.env.BENCH_URL ?? `http://127.0.0.1:${PORT}`;
const lessonDir = path.join(config().lessonsDir, '01-building-your-first-docker-image', 'solution');
const dockerHost = config().engine.externalHost ?? `unix://${config().engine.socket}`;

function readContext(dir: string) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { path: path.relative(dir, full), content: fs.readFileSync(full, 'utf8') };
    });
}

let cookie = '';
async function api(p: string, init: RequestInit = {}) {
  const res = await fetch(BASE + p, { ...init, headers: { ...(init.headers ?? {}), cookie, 'content-type': 'application/json' } });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0];
  return res;
}

/** POSTs a build and follows its SSE stream; returns timings in ms. */
async function apiBuild(files: { path: string; content: string }[], noCache: boolean) {
  const t0 = performance.now();
  const res = await api('/api/builds', { method: 'POST', body: JSON.stringify({ files, tag: 'bench-app', noCache }) });
  if (res.status !== 202) throw new Error(`POST /api/builds: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const stream = await api(`/api/builds/${id}/events`);
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let firstEvent: number | undefined;
  let firstLog: number | undefined;
  let state: string | undefined;
  while (!state) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const type = /^event: (\w+)/m.exec(block)?.[1];
      if (!type) continue;
      firstEvent ??= performance.now() - t0;
      if (type === 'log') firstLog ??= performance.now() - t0;
      if (type === 'done') state = JSON.parse(/^data: (.*)$/m.exec(block)![1]).state;
    }
  }
  await reader.cancel().catch(() => undefined);
  if (state !== 'succeeded') throw new Error(`API build ended ${state}`);
  return { total: performance.now() - t0, firstEvent: firstEvent!, firstLog: firstLog! };
}

function cliBuild(dir: string, noCache: boolean) {
  const { limits } = config();
  const t0 = performance.now();
  const r = spawnSync(
    'docker',
    [
      'build', '-q', '-t', 'bench-cli:latest', '--network', 'none',
      '--memory', String(limits.build.memoryBytes), '--memory-swap', String(limits.build.memoryBytes),
      '--cpu-period', '100000', '--cpu-quota', String(Math.round(limits.build.cpus * 100000)),
      ...(noCache ? ['--no-cache'] : []), dir,
    ],
    { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`docker build failed: ${r.stderr}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function waitForServer(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main() {
  let server: ReturnType<typeof spawn> | undefined;
  if (!(await waitForServer(Date.now() + 500))) {
    if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (or `npm start` once) first.');
    server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (!(await waitForServer(Date.now() + 60_000))) throw new Error('the server did not start');
  }
  try {
    const files = readContext(lessonDir);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-'));
    for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.content);
    await api('/api/health');

    // Warm both paths so the first measured cached build really is cached.
    await apiBuild(files, false);
    cliBuild(dir, false);

    const results: Record<string, { api: number[]; cli: number[] }> = { cached: { api: [], cli: [] }, 'no-cache': { api: [], cli: [] } };
    const firstEvent: number[] = [];
    const firstLog: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['cached', 'no-cache'] as const) {
        const noCache = mode === 'no-cache';
        // Alternate which goes first, so drift on the machine hits both alike.
        const order = round % 2 ? ['cli', 'api'] : ['api', 'cli'];
        for (const who of order) {
          if (who === 'api') {
            const r = await apiBuild(files, noCache);
            results[mode].api.push(r.total);
            firstEvent.push(r.firstEvent);
            firstLog.push(r.firstLog);
          } else {
            results[mode].cli.push(cliBuild(dir, noCache));
          }
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
    }

    console.log(`\nSeed lesson build, ${ROUNDS} interleaved runs each, same engine (${dockerHost}) and context\n`);
    console.log('mode       API median   CLI median   ratio (API/CLI)');
    const summary: Record<string, unknown> = {};
    for (const [mode, r] of Object.entries(results)) {
      const a = median(r.api);
      const c = median(r.cli);
      summary[mode] = { apiMedianMs: a, cliMedianMs: c, ratio: a / c, api: r.api, cli: r.cli };
      console.log(`${mode.padEnd(10)} ${ms(a).padStart(10)}   ${ms(c).padStart(10)}   ${(a / c).toFixed(3)}`);
    }
    console.log(`\nPOST → first SSE event: median ${ms(median(firstEvent))} (max ${ms(Math.max(...firstEvent))})`);
    console.log(`POST → first daemon line: median ${ms(median(firstLog))} (max ${ms(Math.max(...firstLog))})`);
    summary.firstEventMs = { median: median(firstEvent), all: firstEvent };
    summary.firstDaemonLineMs = { median: median(firstLog), all: firstLog };
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync('bench/results/api.json', JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, ...summary }, null, 2));
    console.log('\nwritten to bench/results/api.json');
    fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
