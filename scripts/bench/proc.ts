import fs from 'node:fs';

/** Memory and CPU of server processes, read from /proc (Linux). */

const CLK_TCK = 100; // `getconf CLK_TCK` on Linux x86-64

/** Resident set size in bytes (VmRSS), or NaN when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** User + system CPU time in ms. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

const sum = (pids: number[], f: (pid: number) => number) => pids.reduce((a, p) => a + f(p), 0);

/** Samples the summed RSS of some processes every `everyMs` until stopped; keeps the peak. */
export class RssSampler {
  peak = 0;
  samples = 0;
  private timer: NodeJS.Timeout;
  constructor(
    private readonly pids: number[],
    everyMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  private sample() {
    const v = sum(this.pids, rssBytes);
    if (Number.isFinite(v)) {
      this.peak = Math.max(this.peak, v);
      this.samples++;
    }
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** CPU used by `pids` over a window, as a share of one core. */
export function cpuMeter(pids: number[]) {
  const c0 = sum(pids, cpuMs);
  const t0 = performance.now();
  return () => {
    const used = sum(pids, cpuMs) - c0;
    const elapsed = performance.now() - t0;
    return { cpuMs: used, elapsedMs: elapsed, coreShare: used / elapsed };
  };
}

export const totalRss = (pids: number[]) => sum(pids, rssBytes);

/** Processes of a process group whose command line starts with `prefix` (e.g. the `next-server` child of `npx next start`). */
export function groupMembers(pgid: number, prefix: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) !== pgid) continue;
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith(prefix)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
