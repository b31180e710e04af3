/**
 * `npm run lint:dockerfile -- [--strict] PATH...`: the Dockerfile coach in a
 * terminal. Prints `path:line: severity ruleId message`; exits 1 when any
 * error is found (or any warning, with --strict), 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lintDockerfile } from '../lib/lint';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { strict: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals.length === 0) {
  console.log('usage: npm run lint:dockerfile -- [--strict] PATH...\n  --strict  also fail on warnings');
  process.exit(values.help ? 0 : 2);
}

let failed = false;
for (const file of positionals) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${(err as Error).message}`);
    failed = true;
    continue;
  }
  for (const d of lintDockerfile(text)) {
    console.log(`${file}:${d.line}: ${d.severity} ${d.ruleId} ${d.message}`);
    if (d.severity === 'error' || (values.strict && d.severity === 'warning')) failed = true;
  }
}
process.exit(failed ? 1 : 0);
