import 'server-only';
import Docker from 'dockerode';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { singleton } from '../singleton';

/**
 * The one Docker client of the platform. It talks to the private sandbox engine
 * (or LAYERLAB_DOCKER_HOST), never to the host's daemon.
 */
export function createDockerClient(engine = config().engine): Docker {
  const host = engine.externalHost;
  if (!host) return new Docker({ socketPath: engine.socket });
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  const url = new URL(host.replace(/^tcp:/, 'https:'));
  const tls = engine.tlsDir;
  return new Docker({
    host: url.hostname,
    port: Number(url.port),
    protocol: tls ? 'https' : 'http',
    ...(tls && {
      ca: fs.readFileSync(path.join(tls, 'ca.pem')),
      cert: fs.readFileSync(path.join(tls, 'cert.pem')),
      key: fs.readFileSync(path.join(tls, 'key.pem')),
    }),
  });
}

/** The shared client (one per process). */
export function docker(): Docker {
  return singleton('docker', () => createDockerClient());
}
