import 'server-only';
import type Docker from 'dockerode';
import { docker as sharedDocker } from './docker';
import { buildImage } from './docker-build';
import { runContainer } from './docker-run';
import type { Engine } from './engine';
import { engineSupervisor } from './engine-supervisor';
import { supervisedEngine } from './supervised-engine';

/** The real engine: dockerode against the private sandbox daemon. */
export function dockerEngine(client: () => Docker = sharedDocker, supervisor = engineSupervisor): Engine {
  return supervisedEngine(
    {
      build: (spec, signal) => buildImage(client(), spec, signal),
      run: (spec, signal) => runContainer(client(), spec, signal),
    },
    supervisor,
  );
}
