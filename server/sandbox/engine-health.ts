import 'server-only';
import { AppError } from '../errors';
import { docker } from './docker';

export type EngineInfo = {
  reachable: boolean;
  version?: string;
  runtime?: string;
  warning?: string;
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** What the engine says about itself; never throws. */
export async function engineInfo(): Promise<EngineInfo> {
  try {
    const [version, info] = await withTimeout(Promise.all([docker().version(), docker().info()]), 3000);
    const runtime = String(info.DefaultRuntime ?? 'runc');
    return {
      reachable: true,
      version: version.Version,
      runtime,
      ...(runtime !== 'runsc' && {
        warning: 'gVisor (runsc) is not the default runtime: learner code runs with runc, with less isolation.',
      }),
    };
  } catch {
    return { reachable: false };
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
    throw new AppError('engine_unavailable', 'The sandbox engine is not reachable right now. Try again in a moment.');
  }
}
