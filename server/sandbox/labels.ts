import 'server-only';

/** Every container and image the platform creates carries these labels, so leftovers can be reaped. */
export const LABEL = {
  managed: 'layerlab.managed',
  learner: 'layerlab.learner',
  job: 'layerlab.job',
  kind: 'layerlab.kind',
  standIn: 'layerlab.stand-in',
} as const;

export function jobLabels(learner: string, job: string, kind: 'build' | 'run') {
  return { [LABEL.managed]: 'true', [LABEL.learner]: learner, [LABEL.job]: job, [LABEL.kind]: kind };
}
