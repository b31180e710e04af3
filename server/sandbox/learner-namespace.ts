import 'server-only';

/**
 * The one place that knows how a learner's things are named in the shared engine.
 * Images live under `layerlab-<learner>/…`, so one learner can neither see, run,
 * build FROM nor overwrite another's; cache mounts are namespaced the same way.
 * Everyone that makes, lists, shows or removes a learner's engine objects asks here.
 */

/** `layerlab-<learner>`: the learner's namespace in the engine. */
export function learnerNamespace(learner: string): string {
  return `layerlab-${learner}`;
}

/** `layerlab-<learner>/`: every engine reference of the learner's images starts with it. */
export function learnerImagePrefix(learner: string): string {
  return `${learnerNamespace(learner)}/`;
}

/** The learner-facing name of an engine reference (`layerlab-<id>/app:v1` → `app:v1`), or undefined if it is not this learner's. */
export function withoutLearnerPrefix(learner: string, ref: string): string | undefined {
  const prefix = learnerImagePrefix(learner);
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

const ANY_LEARNER_REF = /^layerlab-([a-f0-9]{24})\/.+:.+$/;

/** The learner whose image an engine reference names, whoever it is (for GC); undefined for others. */
export function learnerOfImageRef(ref: string): string | undefined {
  return ANY_LEARNER_REF.exec(ref)?.[1];
}
