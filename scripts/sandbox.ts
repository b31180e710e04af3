/**
 * `npm run sandbox -- start|stop|status`: the private Docker engine's lifecycle.
 * Run with the react-server condition so server-only modules load outside Next.
 */
import { config } from '../server/config';
import { daemonStatus, SandboxStartError, startDaemon, stopDaemon } from '../server/sandbox/daemon';

const cmd = process.argv[2] ?? 'status';
const { engine } = config();

try {
  if (engine.externalHost) {
    console.log(`LAYERLAB_DOCKER_HOST=${engine.externalHost}: using an external engine, nothing to ${cmd}.`);
  } else if (cmd === 'start') {
    await startDaemon(engine);
  } else if (cmd === 'stop') {
    await stopDaemon(engine, console.log, { unmount: process.argv.includes('--unmount') });
  } else if (cmd === 'status') {
    console.log(JSON.stringify(await daemonStatus(engine), null, 2));
  } else {
    console.error('usage: npm run sandbox -- start|stop [--unmount]|status');
    process.exit(2);
  }
} catch (err) {
  console.error(err instanceof SandboxStartError ? `error: ${err.message}` : err);
  process.exit(1);
}
