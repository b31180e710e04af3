/**
 * `npm run config`: parses the LAYERLAB_* environment once, as the server will,
 * and says what is wrong (field by field) before anything is installed or started.
 * A LAYERLAB_* name it does not know is most likely a typo: warned about, not fatal.
 * `--not-running` (from `npm start`) also fails when a server already uses this
 * database: rebuilding the web app under it would break it.
 */
import { config, ConfigError, unknownVariables } from '../server/config';
import { runningServer } from '../server/db/server-lock';

for (const { name, didYouMean } of unknownVariables(process.env)) {
  console.warn(`warning: ${name} is not a Layerlab setting${didYouMean ? ` (did you mean ${didYouMean}?)` : ''}; it is ignored.`);
}
try {
  const { dbPath } = config();
  const running = process.argv.includes('--not-running') ? runningServer(dbPath) : undefined;
  if (running) {
    console.error(
      `error: Layerlab is already running (pid ${running.pid}) on http://localhost:${running.port}.\n` +
        `Stop it first (Ctrl+C in its terminal, or kill ${running.pid}), then start again.`,
    );
    process.exit(2);
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`error: ${err.message}\nSee "Configuration" in README.md for every variable and its default.`);
  process.exit(2);
}
