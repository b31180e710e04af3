/**
 * How long the sandbox engine takes to come back after `kill -9` of dockerd, with the
 * server's supervisor doing the restart (issue 10). Kills THIS checkout's engine:
 *   npx tsx --conditions=react-server scripts/bench/engine-restart.ts [times]
 */
import { once } from 'node:events';
import { config } from '../../server/config';
import { daemonStatus } from '../../server/sandbox/daemon';
import { EngineSupervisor } from '../../server/sandbox/engine-supervisor';

async function main() {
  const times = Number(process.argv[2] ?? 5);
  const engine = config().engine;
  // The server checks every second; this looks every 100 ms, so the figure is the restart itself.
  const supervisor = new EngineSupervisor(engine, { intervalMs: 100 }).watch();
  const keepAlive = setInterval(() => undefined, 1000); // the supervisor's own timer does not hold the process
  await supervisor.check();
  const seconds: number[] = [];
  for (let i = 0; i < times; i++) {
    const pid = (await daemonStatus(engine)).pid;
    if (!pid) throw new Error('the sandbox engine is not running: npm run sandbox -- start');
    const up = once(supervisor, 'up');
    const t0 = performance.now();
    process.kill(pid, 'SIGKILL');
    await up;
    seconds.push((performance.now() - t0) / 1000);
  }
  supervisor.close();
  clearInterval(keepAlive);
  const sorted = [...seconds].sort((a, b) => a - b);
  console.log(
    `kill -9 of dockerd → engine answering again, ${times}×: median ${sorted[Math.floor(times / 2)].toFixed(2)} s (${seconds.map((s) => s.toFixed(2)).join(', ')})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
