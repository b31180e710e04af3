import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '../config';
import { writeRuncShim } from './runc-shim';

/**
 * The runc shim with a stand-in runsc that records its arguments (unit test; the
 * engine tests run BuildKit steps through the real one).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-shim-test-'));
const fakeRunsc = path.join(dir, 'runsc');
fs.writeFileSync(
  fakeRunsc,
  `#!/bin/sh
printf '%s\\n' "$@" > ${dir}/args
case " $* " in *" delete "*) echo "container \\"$(eval echo \\$$#)\\" does not exist" >&2; exit 1 ;; esac
exit 0
`,
  { mode: 0o755 },
);
const limits = { ...config().limits.build, memoryBytes: 300 * 1024 * 1024, pids: 77, cpus: 0.5, imageMaxBytes: 1234567 };
const shim = writeRuncShim(path.join(dir, 'bin'), { runsc: fakeRunsc, runscArgs: ['--overlay2=none'], node: process.execPath, limits });
const args = () => fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n');

describe('the runc shim BuildKit runs RUN steps with', () => {
  it('runs the step with runsc (ptrace, no network), without --keep, and writes the build limits into its spec', () => {
    const bundle = path.join(dir, 'bundle');
    fs.mkdirSync(bundle);
    fs.writeFileSync(
      path.join(bundle, 'config.json'),
      JSON.stringify({ process: { rlimits: [{ type: 'RLIMIT_NOFILE', hard: 9, soft: 9 }] }, linux: { namespaces: [] } }),
    );
    const r = spawnSync(
      shim.runc,
      ['--root', '/r', '--log', '/l', '--log-format', 'json', 'run', '--bundle', bundle, '--keep', '--pid-file', '/p', 'step1'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    // gVisor's panic report goes beside the shim, named by the pid BuildKit waits on (the shim execs runsc).
    expect(args()).toEqual([
      '--platform=ptrace',
      '--network=none',
      '--overlay2=none',
      `--panic-log=${shim.panics}/${r.pid}.log`,
      '--root',
      '/r',
      '--log',
      '/l',
      '--log-format',
      'json',
      'run',
      '--bundle',
      bundle,
      '--pid-file',
      '/p',
      'step1',
    ]);
    const spec = JSON.parse(fs.readFileSync(path.join(bundle, 'config.json'), 'utf8'));
    expect(spec.linux.resources).toEqual({
      memory: { limit: 300 * 1024 * 1024, swap: 300 * 1024 * 1024 },
      pids: { limit: 77 },
      cpu: { quota: 50_000, period: 100_000 },
    });
    expect(spec.linux.namespaces).toEqual([]);
    expect(spec.process.rlimits).toEqual([
      { type: 'RLIMIT_NOFILE', hard: 9, soft: 9 },
      { type: 'RLIMIT_FSIZE', hard: 1234567, soft: 1234567 },
    ]);
  });

  it('answers success to deleting a container runsc already removed, and passes other commands through', () => {
    const del = spawnSync(shim.runc, ['--root', '/r', 'delete', 'gone'], { encoding: 'utf8' });
    expect(del.status).toBe(0);
    expect(args()).toEqual(['--platform=ptrace', '--network=none', '--overlay2=none', '--root', '/r', 'delete', 'gone']);
    const kill = spawnSync(shim.runc, ['--root', '/r', 'kill', 'step1', 'KILL'], { encoding: 'utf8' });
    expect(kill.status).toBe(0);
    expect(args().slice(3)).toEqual(['--root', '/r', 'kill', 'step1', 'KILL']);
  });

  it('refuses to run a step whose spec it cannot write limits into', () => {
    const r = spawnSync(shim.runc, ['run', '--bundle', path.join(dir, 'missing'), 'step2'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });
});
