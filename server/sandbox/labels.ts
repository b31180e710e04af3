import 'server-only';
import { createHash } from 'node:crypto';
import { config } from '../config';

/** Every container the platform creates carries these labels, so leftovers can be reaped. */
export const LABEL = {
  managed: 'layerlab.managed',
  /** Which server (by its database) made it: servers sharing an engine leave each other's containers alone. */
  owner: 'layerlab.owner',
  learner: 'layerlab.learner',
  job: 'layerlab.job',
  kind: 'layerlab.kind',
  standIn: 'layerlab.stand-in',
} as const;

/** This server's owner key: a digest of its database path (the jobs it knows are the ones stored there). */
export function ownerKey(): string {
  return createHash('sha256').update(config().dbPath).digest('hex').slice(0, 16);
}

export function jobLabels(learner: string, job: string, kind: 'build' | 'run') {
  return { [LABEL.managed]: 'true', [LABEL.owner]: ownerKey(), [LABEL.learner]: learner, [LABEL.job]: job, [LABEL.kind]: kind };
}

/** A `label` filter for containers this server made. */
export function ownContainers(...more: string[]): string[] {
  return [`${LABEL.managed}=true`, `${LABEL.owner}=${ownerKey()}`, ...more];
}
