import { spawn } from 'node:child_process';
import type { Learner } from './client';
import { dockerCli } from './engine';
import { writeTempContext } from './lesson';
import { nowEpochMs } from './stats';

/**
 * The stream-latency probe: a build step that prints `tick <epoch ns>` every 100 ms
 * (python's time.time_ns(): busybox `date` has no %N). The container shares the
 * host's clock, so receipt time minus the printed stamp is the delay from the
 * daemon's print to the client.
 */

export const probeDockerfile = (lines: number) =>
  `FROM python:3.13-slim\n` +
  // One write(2) per line: print() would write the words, spaces and newline separately.
  `RUN python3 -c "import os, time; [(os.write(1, b'tick %d\\n' % time.time_ns()), time.sleep(0.1)) for _ in range(${lines})]"\n`;

const TICK = /tick (\d{19})\n/g;

/** Collects delays from a stream of text chunks; a line split across chunks counts when its last part arrives. */
function lineTimer(out: number[]) {
  let carry = '';
  return (text: string, at: number) => {
    const all = carry + text;
    const cut = all.lastIndexOf('\n') + 1;
    carry = all.slice(cut).slice(-64);
    delaysIn(all.slice(0, cut), at, out);
  };
}

function delaysIn(text: string, at: number, out: number[]) {
  for (const m of text.matchAll(TICK)) {
    const ns = BigInt(m[1]);
    // epoch ns → ms, without losing the sub-ms part to float rounding
    out.push(at - (Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6));
  }
}

/** Runs the probe through the API as `learner`; resolves with the delays (ms), one per printed line. */
export async function apiProbe(learner: Learner, lines = 50) {
  const delays: number[] = [];
  const feed = lineTimer(delays);
  const r = await learner.job(
    'build',
    { files: [{ path: 'Dockerfile', content: probeDockerfile(lines) }], tag: 'bench-probe', noCache: true },
    (e) => {
      if (e.type === 'log' && e.stream !== 'system') feed(e.text, e.recvAt);
    },
  );
  return { delays, done: r.done };
}

/** The same probe through the docker CLI (legacy builder), as the engine's own baseline. */
export function cliProbe(lines = 50): Promise<number[]> {
  const tmp = writeTempContext([{ path: 'Dockerfile', content: probeDockerfile(lines) }]);
  const delays: number[] = [];
  const feed = lineTimer(delays);
  return new Promise((resolve, reject) => {
    const cli = dockerCli({ DOCKER_BUILDKIT: '0' });
    const p = spawn(cli.bin, ['build', '--no-cache', '--network', 'none', '-t', 'bench-probe-cli:latest', tmp.dir], { env: cli.env });
    p.stdout.on('data', (d: Buffer) => feed(d.toString(), nowEpochMs()));
    p.on('error', reject);
    p.on('close', (code) => {
      tmp.remove();
      if (code === 0) resolve(delays);
      else reject(new Error(`docker build (probe) exited ${code}`));
    });
  });
}
