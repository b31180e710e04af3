import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { Limits } from '../config';

/**
 * BuildKit inside dockerd ignores the daemon's `default-runtime`: each RUN step
 * is started by the `runc` it finds on dockerd's PATH. This writes a `runc` for
 * the front of that PATH which runs the step under gVisor instead (ptrace
 * platform, no network, writes straight to the layer), after writing the build
 * limits into the step's OCI spec, since `/build` ignores `memory`, `cpuquota`
 * (and has no pids limit) for BuildKit.
 *
 * Two differences between runc and runsc it smooths over: BuildKit passes
 * `run --keep`, which runsc does not know (it is dropped: runsc keeps nothing
 * after the step anyway), and it then calls `delete` for the container runsc
 * has already removed (answered with success). gVisor's panic report of each
 * step goes to `panics/<pid>.log` beside the shim (step-panics.ts reads it).
 */

export type ShimFiles = { dir: string; runc: string; limits: string; panics: string };

/** Where the shim lives under the engine's run dir, and where gVisor's panic reports of build steps go (step-panics.ts). */
export const shimDirIn = (runDir: string) => path.join(runDir, 'bin');
export const panicDirOf = (shimDir: string) => path.join(shimDir, 'panics');

/** The `linux.resources` and file-size rlimit of every RUN step (the OCI runtime spec's names). */
export function stepLimits(limits: Limits['build']) {
  const period = 100_000;
  return {
    resources: {
      memory: { limit: limits.memoryBytes, swap: limits.memoryBytes },
      pids: { limit: limits.pids },
      cpu: { quota: Math.round(limits.cpus * period), period },
    },
    // A single file may not outgrow the image budget: a disk filler fails early with "File too large".
    fsize: { type: 'RLIMIT_FSIZE', hard: limits.imageMaxBytes, soft: limits.imageMaxBytes },
  };
}

/** Writes the shim into `dir` (put `dir` first on dockerd's PATH). */
export function writeRuncShim(dir: string, opts: { runsc: string; runscArgs: string[]; node: string; limits: Limits['build'] }): ShimFiles {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const limits = path.join(dir, 'set-limits.cjs');
  const runc = path.join(dir, 'runc');
  const panics = panicDirOf(dir);
  fs.mkdirSync(panics, { recursive: true, mode: 0o700 });
  write(limits, setLimitsScript(stepLimits(opts.limits)), 0o600);
  write(runc, shimScript({ ...opts, limitsScript: limits, panicDir: panics }), 0o700);
  return { dir, runc, limits, panics };
}

function write(file: string, text: string, mode: number) {
  fs.writeFileSync(`${file}.new`, text, { mode });
  fs.renameSync(`${file}.new`, file);
}

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** POSIX sh, so the exec keeps the pid BuildKit waits on and signals. */
export function shimScript(o: { runsc: string; runscArgs: string[]; node: string; limitsScript: string; panicDir?: string }): string {
  const runsc = [o.runsc, '--platform=ptrace', '--network=none', ...o.runscArgs].map(q).join(' ');
  return `#!/bin/sh
# Written by Layerlab (server/sandbox/runc-shim.ts): BuildKit's RUN steps under gVisor.
cmd= bundle=. take=
for a do
  shift
  if [ -n "$take" ]; then
    [ "$take" = bundle ] && bundle=$a
    take=
    set -- "$@" "$a"
    continue
  fi
  if [ -z "$cmd" ]; then
    case $a in
      --root|--log|--log-format|--criu) take=global ;;
      -*) ;;
      *) cmd=$a ;;
    esac
  else
    case $cmd:$a in
      run:--keep|create:--keep) continue ;;
      run:--bundle|run:-b|create:--bundle|create:-b) take=bundle ;;
      run:--bundle=*|create:--bundle=*) bundle=\${a#--bundle=} ;;
    esac
  fi
  set -- "$@" "$a"
done
case $cmd in
  run|create)
    ${q(o.node)} ${q(o.limitsScript)} "$bundle/config.json" || exit 1${
      o.panicDir
        ? `
    # A pids limit that stops gVisor itself makes it panic without a word to the step: keep the report.
    set -- --panic-log=${q(o.panicDir)}/$$.log "$@"`
        : ''
    } ;;
  delete)
    err=$(${runsc} "$@" 2>&1 >/dev/null) && exit 0
    case $err in
      *"does not exist"*|*"not found"*|*"no such"*|*"No such"*) exit 0 ;;
    esac
    printf '%s\\n' "$err" >&2
    exit 1 ;;
esac
exec ${runsc} "$@"
`;
}

/** A tiny Node script that writes the limits into a bundle's config.json. */
export function setLimitsScript(limits: ReturnType<typeof stepLimits>): string {
  return `'use strict';
// Written by Layerlab (server/sandbox/runc-shim.ts): the build limits for one RUN step.
const fs = require('fs');
const file = process.argv[2];
const limits = ${JSON.stringify(limits)};
const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
spec.linux = spec.linux || {};
spec.linux.resources = Object.assign({}, spec.linux.resources, limits.resources);
spec.process = spec.process || {};
spec.process.rlimits = (spec.process.rlimits || []).filter((r) => r.type !== 'RLIMIT_FSIZE').concat([limits.fsize]);
fs.writeFileSync(file, JSON.stringify(spec));
`;
}
