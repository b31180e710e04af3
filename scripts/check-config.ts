/**
 * `npm run config`: parses the LAYERLAB_* environment once, as the server will,
 * and says what is wrong (field by field) before anything is installed or started.
 * A LAYERLAB_* name it does not know is most likely a typo: warned about, not fatal.
 */
import { config, ConfigError, unknownVariables } from '../server/config';

for (const { name, didYouMean } of unknownVariables(process.env)) {
  console.warn(`warning: ${name} is not a Layerlab setting${didYouMean ? ` (did you mean ${didYouMean}?)` : ''}; it is ignored.`);
}
try {
  config();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`error: ${err.message}\nSee "Configuration" in README.md for every variable and its default.`);
  process.exit(2);
}
