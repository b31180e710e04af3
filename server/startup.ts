import 'server-only';
import { config } from './config';
import { jobSystem } from './jobs/job-system';
import { log } from './log';
import { engineInfo } from './sandbox/engine-health';
import { reapLeftovers } from './sandbox/reaper';

/**
 * Once per server process: parse the configuration (a bad variable stops start-up
 * with its name), end jobs a previous process left unfinished, reap their
 * containers, and say loudly when learner code would run without gVisor.
 */
export async function startServer() {
  const cfg = config();
  const jobs = jobSystem();
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
