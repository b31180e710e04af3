/**
 * `npm run images [-- --force] [-- --only REF]`: make every base image of the
 * catalog exist in the sandbox engine (official image pulled with skopeo when
 * a registry answers and LAYERLAB_ALLOW_PULL is on, else a stand-in built from
 * Debian packages), then print what is there. Run with the react-server
 * condition so server-only modules load outside Next.
 */
import { parseArgs } from 'node:util';
import { ProvisionError } from '../server/images/errors';
import { formatSize, provisionImages } from '../server/images/provision';
import { imageStatus } from '../server/images/status';

const { values } = parseArgs({
  options: { force: { type: 'boolean', default: false }, only: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: npm run images -- [--force] [--only REF]...');
  process.exit(0);
}

const started = Date.now();
try {
  const results = await provisionImages({ log: (l) => console.log(l), only: values.only, force: values.force });
  const status = await Promise.all(results.map((r) => imageStatus(r.ref)));
  const rows = results.map((r, i) => [
    r.ref,
    r.source === 'stand-in' ? `built${r.fromCache ? ' (cached rootfs)' : ''}` : r.source,
    formatSize(r.sizeBytes),
    `${r.seconds.toFixed(1)} s`,
    status[i].note ?? '',
  ]);
  printTable([['IMAGE', 'NOW', 'SIZE', 'TIME', 'WHAT IT IS'], ...rows]);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  if (err instanceof ProvisionError) {
    console.error(`error: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
  } else {
    console.error(err);
  }
  process.exit(1);
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}
