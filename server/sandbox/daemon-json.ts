import 'server-only';

/** The engine's daemon.json: gVisor as the default runtime also covers build RUN steps. */
export function daemonJson(runtime: { name: 'runsc' | 'runc'; path?: string; args?: string[] }) {
  const base = {
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
