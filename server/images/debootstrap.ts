import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { APT_INSTALL, ProvisionError } from './errors';

export const MIRROR = 'http://deb.debian.org/debian';

export function debootstrapPath(): string | undefined {
  for (const p of ['/usr/sbin/debootstrap', '/sbin/debootstrap', '/usr/bin/debootstrap']) if (fs.existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v debootstrap'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function requireDebootstrap(): string {
  const bin = debootstrapPath();
  if (!bin)
    throw new ProvisionError(
      'debootstrap-missing',
      'debootstrap is not installed; it builds the stand-in base images.',
      `Install it: ${APT_INSTALL}`,
    );
  return bin;
}

// debootstrap prints one "I: Retrieving foo 1.2" line per package and phase;
// we turn hundreds of them into a few phases (only ever moving forward) with a count.
const PHASES: [RegExp, string][] = [
  [/^I: (Retrieving (Release|InRelease|Packages)|Checking|Validating Packages|Resolving|Found)/, 'resolving'],
  [/^I: (Retrieving|Validating) /, 'downloading'],
  [/^I: Extracting /, 'extracting'],
  [/^I: (Installing|Unpacking|Configuring) /, 'installing'],
];

type Progress = (phase: string, count: number) => void;

/**
 * `debootstrap --variant=minbase SUITE TARGET` with extra packages.
 * `progress` is called on each phase change; the full output is kept only to
 * explain a failure.
 */
export async function debootstrap(opts: {
  suite: string;
  packages: string[];
  target: string;
  debCache: string;
  progress: Progress;
  signal?: AbortSignal;
}): Promise<void> {
  const bin = requireDebootstrap();
  fs.mkdirSync(opts.debCache, { recursive: true });
  const args = ['--variant=minbase', `--cache-dir=${opts.debCache}`];
  if (opts.packages.length) args.push(`--include=${opts.packages.join(',')}`);
  args.push(opts.suite, opts.target, MIRROR);

  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
  const tail: string[] = [];
  let phase = 'starting';
  let at = -1;
  let count = 0;
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    const i = PHASES.findIndex(([re]) => re.test(line));
    if (i < at || i < 0) return;
    if (i > at) {
      [at, phase, count] = [i, PHASES[i][1], 0];
      opts.progress(phase, count);
    }
    if (/^I: (Retrieving|Extracting|Unpacking) /.test(line)) count++;
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline.createInterface({ input: child.stderr }).on('line', onLine);
  const ticker = setInterval(() => opts.progress(phase, count), 10_000);

  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) {
    throw new ProvisionError(
      'build-failed',
      `debootstrap exited with code ${code} while ${phase}. Last output:\n${tail.join('\n')}`,
      `Check that ${MIRROR} is reachable (apt works on this host).`,
    );
  }
}
