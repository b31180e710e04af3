/**
 * `npm run bench:api`: the overhead section of `npm run bench` on its own (API vs
 * docker CLI, cached and --no-cache, interleaved A/B; POST → first event and
 * first daemon line). Kept for its own results file, bench/results/api.json.
 * BENCH_ROUNDS (5), BENCH_PORT (3300), BENCH_URL as before.
 */
import fs from 'node:fs';
import { removeUntagged } from './bench/engine';
import { printTable } from './bench/report';
import { overhead } from './bench/sections/overhead';
import { ensureServer } from './bench/server';

async function main() {
  const server = await ensureServer({ port: Number(process.env.BENCH_PORT ?? 3300), url: process.env.BENCH_URL });
  const imageIds = new Set<string>();
  try {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
    const r = await overhead({ server, quick: false, imageIds, log: (l) => console.log(l) }, rounds);
    printTable(r.rows);
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync('bench/results/api.json', JSON.stringify({ date: new Date().toISOString(), ...r.figures }, null, 2) + '\n');
    console.log('\nwritten to bench/results/api.json');
  } finally {
    await server.stop();
    await removeUntagged(imageIds).catch(() => 0);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
