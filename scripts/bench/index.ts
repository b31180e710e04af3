/**
 * `npm run bench`: how the platform performs against the real sandbox engine.
 * Seven sections (overhead, latency, classroom, flood, page-weight, lint, terminal); see
 * bench/README.md. Starts `next start` on BENCH_PORT (3400) unless BENCH_URL
 * names a running server (not for `lint` alone, which needs none); traffic goes to loopback only; every loop is bounded.
 * Writes bench/results/latest.json and prints a table. Not part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs, type SectionName } from './args';
import type { BenchContext } from './context';
import { removeUntagged } from './engine';
import { printTable, type Row, type SectionResult } from './report';
import { classroom } from './sections/classroom';
import { flood } from './sections/flood';
import { latency } from './sections/latency';
import { lintSpeed } from './sections/lint';
import { overhead } from './sections/overhead';
import { pageWeight } from './sections/page-weight';
import { terminal } from './sections/terminal';
import { ensureServer } from './server';

const run: Record<Exclude<SectionName, 'lint'>, (ctx: BenchContext) => Promise<SectionResult>> = {
  overhead: (ctx) => overhead(ctx),
  latency,
  classroom,
  flood,
  'page-weight': pageWeight,
  terminal,
};

async function main() {
  const { only, quick } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  let ctx: BenchContext | undefined; // the server starts with the first section that needs it
  const rows: Row[] = [];
  const sections: Record<string, unknown> = {};
  const notes: string[] = [];
  try {
    for (const name of only) {
      const t0 = Date.now();
      const load0 = os.loadavg().map((x) => Number(x.toFixed(2)));
      log(`${name}…`);
      try {
        let r: SectionResult;
        if (name === 'lint') r = await lintSpeed();
        else {
          ctx ??= await startServer(quick, log);
          r = await serverSection(ctx, name);
        }
        rows.push(...r.rows);
        notes.push(...(r.notes ?? []));
        // Other work on the machine (tests, builds) disturbs the figures: keep the load average beside them.
        sections[name] = {
          ...r.figures,
          rows: r.rows,
          notes: r.notes,
          seconds: (Date.now() - t0) / 1000,
          loadAvg: { before: load0, after: os.loadavg().map((x) => Number(x.toFixed(2))) },
        };
        log(`${name}: load average ${load0[0]} → ${os.loadavg()[0].toFixed(2)} (${os.cpus().length} CPUs)`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        rows.push({
          section: name,
          metric: 'section failed',
          value: message.replace(/\s+/g, ' ').slice(0, 120),
          target: 'runs',
          pass: false,
        });
        sections[name] = { error: message };
      }
      log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    if (ctx) {
      await ctx.server.stop();
      const removed = await removeUntagged(ctx.imageIds).catch(() => 0);
      if (removed) log(`removed ${removed} untagged image(s) the benchmark left`);
    }
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryBytes: os.totalmem(), node: process.version },
    quick,
    seconds: (Date.now() - started) / 1000,
    sections,
    notes,
    targets: rows
      .filter((r) => r.pass !== undefined)
      .map((r) => ({ section: r.section, metric: r.metric, value: r.value, target: r.target, pass: r.pass })),
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
  console.log('');
  printTable(rows);
  for (const n of notes) console.log(`\nnote: ${n}`);
  const missed = rows.filter((r) => r.pass === false).length;
  console.log(
    `\n${rows.filter((r) => r.pass).length} targets met, ${missed} missed; ${result.seconds.toFixed(0)} s; written to bench/results/latest.json`,
  );
}

async function startServer(quick: boolean, log: (line: string) => void): Promise<BenchContext> {
  const server = await ensureServer({ port: Number(process.env.BENCH_PORT ?? 3400), url: process.env.BENCH_URL });
  log(`server ${server.base}${server.pids.length ? ` (next-server pid ${server.pids.join(', ')})` : ' (not ours: no RSS/CPU figures)'}`);
  return { server, quick, imageIds: new Set(), log };
}

/** A section against the server; a concurrent `next build` swaps the chunks under it: restart on the new build and retry once. */
async function serverSection(ctx: BenchContext, name: Exclude<SectionName, 'lint'>): Promise<SectionResult> {
  if (await ctx.server.refresh()) ctx.log('the production build changed: restarted our server on the new one');
  try {
    return await run[name](ctx);
  } catch (err) {
    if (!ctx.server.stale()) throw err;
    await ctx.server.refresh();
    ctx.log(`${name}: the production build changed during the section; retrying on the new build`);
    return await run[name](ctx);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
