import 'server-only';
import { catalogStatus } from './images/status';
import { jobSystem } from './jobs/job-system';
import { engineInfo } from './sandbox/engine-health';

/** Liveness and the state of the sandbox: engine, runtime, queue, base images. */
export async function health() {
  const engine = await engineInfo();
  const images = engine.reachable ? await catalogStatus().catch(() => []) : [];
  return {
    ok: engine.reachable,
    engine: { ...engine, runtime: engine.runtime ?? 'unknown' },
    queue: jobSystem().stats(),
    images,
  };
}
