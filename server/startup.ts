import 'server-only';
import { config } from './config';
import { lockDatabase, ServerLockedError } from './db/server-lock';
import { jobSystem } from './jobs/job-system';
import { log } from './log';
import { engineInfo } from './sandbox/engine-health';
import { engineSupervisor } from './sandbox/engine-supervisor';
import { reapLeftovers } from './sandbox/reaper';

/**
 * Once per server process: parse the configuration (a bad variable stops start-up
 * with its name), refuse to share the database with a running server, end jobs a
 * previous process left unfinished, reap their containers, and say loudly when
 * learner code would run without gVisor.
 */
export async function startServer() {
  const cfg = config();
  try {
    lockDatabase(cfg.dbPath, listeningPort(cfg.port));
  } catch (err) {
    if (!(err instanceof ServerLockedError)) throw err;
    log.error(err.message);
    process.exit(1);
  }
  const jobs = jobSystem();
  // Watches the local engine from now on and restarts it when it dies.
  engineSupervisor();
  const engine = await engineInfo();
  if (!engine.reachable) {
    log.error('sandbox engine not reachable; builds answer 503 until it is back', {
      engine: cfg.engine.externalHost ?? cfg.engine.socket,
      hint: 'npm run sandbox -- start',
    });
  } else {
    log.info('sandbox engine ready', { version: engine.version, runtime: engine.runtime });
    if (engine.warning) log.warn(engine.warning);
    await reapLeftovers(jobs.isActive).catch((err) => log.warn('could not reap leftovers', { error: String(err) }));
  }
}

/** The port `next start -p N` was given (it does not always reach the environment), else the configured one. */
function listeningPort(configured: number): number {
  const args = process.argv;
  const i = args.findIndex((a) => a === '-p' || a === '--port');
  const fromArgs = i >= 0 ? Number(args[i + 1]) : Number(process.env.PORT);
  return Number.isInteger(fromArgs) && fromArgs > 0 ? fromArgs : configured;
}
