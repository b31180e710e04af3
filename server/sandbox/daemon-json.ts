import 'server-only';

/**
 * The engine's daemon.json: gVisor as the default runtime for containers (BuildKit's
 * RUN steps go through the runc shim instead, see runc-shim.ts), and BuildKit's own
 * garbage collector keeping its cache within a quarter of the engine's disk.
 */
export function daemonJson(runtime: { name: 'runsc' | 'runc'; path?: string; args?: string[] }, opts: { diskGb: number }) {
  const base = {
    builder: { gc: { enabled: true, defaultKeepStorage: `${buildCacheBudgetGb(opts.diskGb)}GB` } },
    'log-driver': 'json-file',
    'log-opts': { 'max-size': '1m', 'max-file': '1' },
    // Containers can't reach a registry anyway; keep pulls from hanging.
    'max-concurrent-downloads': 3,
    'default-ulimits': { nofile: { Name: 'nofile', Soft: 1024, Hard: 4096 } },
  };
  if (runtime.name !== 'runsc') return base;
  return {
    ...base,
    'default-runtime': 'runsc',
    runtimes: { runsc: { path: runtime.path, runtimeArgs: ['--platform=ptrace', '--network=none', ...(runtime.args ?? [])] } },
  };
}

/** BuildKit's cache budget on an engine disk of `diskGb`: a quarter of it, at least 1 GB. */
export function buildCacheBudgetGb(diskGb: number): number {
  return Math.max(1, Math.floor(diskGb / 4));
}
