import 'server-only';
import fs from 'node:fs';
import { config } from '../config';
import { AppError } from '../errors';
import { localIsolation } from './daemon';
import { engineSupervisor } from './engine-supervisor';
import { docker } from './docker';
import { MIN_RELEASE, runscRelease } from './gvisor';

export type EngineInfo = {
  reachable: boolean;
  version?: string;
  runtime?: string;
  /** gVisor's release (YYYYMMDD) when the engine runs a runsc binary on this host. */
  gvisorRelease?: number;
  /** The local engine's isolation (absent for an engine on another host, LAYERLAB_DOCKER_HOST). */
  isolation?: ReturnType<typeof localIsolation>;
  /** The supervisor's view of a local engine: restarting after a crash, and how often it restarted it. */
  supervisor?: { state: string; restarts: number };
  warning?: string;
};

const releases = new Map<string, number | undefined>();

/** The release of the runsc binary at `path`, asked once per path (it runs `runsc --version`). */
function releaseOf(path: string | undefined): number | undefined {
  if (!path || !fs.existsSync(path)) return undefined; // an engine on another host
  if (!releases.has(path)) releases.set(path, runscRelease(path));
  return releases.get(path);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** What the engine says about itself; never throws. */
export async function engineInfo(): Promise<EngineInfo> {
  const sup = engineSupervisor();
  const supervisor = sup && { supervisor: { state: sup.state, restarts: sup.restarts } };
  try {
    const [version, info] = await withTimeout(Promise.all([docker().version(), docker().info()]), 3000);
    const runtime = String(info.DefaultRuntime ?? 'runc');
    const gvisorRelease =
      runtime === 'runsc' ? releaseOf((info.Runtimes as Record<string, { path?: string }> | undefined)?.runsc?.path) : undefined;
    const engine = config().engine;
    const isolation = engine.externalHost ? undefined : localIsolation(engine);
    return {
      reachable: true,
      ...supervisor,
      version: version.Version,
      runtime,
      ...(gvisorRelease && { gvisorRelease }),
      ...(isolation && { isolation }),
      ...(isolation &&
        !isolation.networkNamespace && {
          warning:
            'The sandbox engine shares the host network: restart it to isolate it (npm run sandbox -- stop && npm run sandbox -- start).',
        }),
      ...(runtime !== 'runsc' && {
        warning: 'gVisor (runsc) is not the default runtime: learner code runs with runc, with less isolation.',
      }),
      ...(gvisorRelease &&
        gvisorRelease < MIN_RELEASE && {
          warning: `gVisor ${gvisorRelease} is older than ${MIN_RELEASE}: \`ls\` and \`stat\` fail in Debian-based images. Restart the engine to fetch a newer one: npm run sandbox -- stop && npm run sandbox -- start`,
        }),
    };
  } catch {
    void sup?.check(); // gone? restart now rather than at the next look
    return { reachable: false, ...supervisor };
  }
}

let lastOk = 0;
let lastClient: unknown;

/** Throws a 503 when the engine does not answer; requests recover by themselves once it is back. */
export async function requireEngine() {
  // A ping costs a few ms; one success vouches for the next second of submissions.
  const client = docker();
  if (client === lastClient && Date.now() - lastOk < 1000) return;
  try {
    await withTimeout(client.ping(), 3000);
    lastOk = Date.now();
    lastClient = client;
  } catch {
    lastOk = 0;
    // A supervised engine that died is on its way back: the job queues and waits for it.
    const sup = engineSupervisor();
    void sup?.check();
    if (sup?.state === 'restarting') return;
    throw new AppError('engine_unavailable', 'The sandbox engine is not reachable right now. Try again in a moment.');
  }
}
