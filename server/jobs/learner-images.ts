import 'server-only';
import { learnerTagProblem, parseImageRef } from '@/lib/image-ref';
import { inspectImage } from '../sandbox/engine-images';
import { learnerImagePrefix, withoutLearnerPrefix } from '../sandbox/learner-namespace';

/**
 * Learners' images live under a namespace of their own (see ../sandbox/learner-namespace.ts),
 * so one learner can neither see, run, build FROM nor overwrite another's.
 */

/** The internal reference of a learner-facing tag such as `my-python-app` or `app:v2`. */
export function learnerRef(learner: string, tag: string): string {
  const parsed = parseImageRef(tag);
  if (!parsed) throw new Error(`not an image reference: ${tag}`); // callers pass validated tags
  return `${learnerImagePrefix(learner)}${parsed.name}:${parsed.tag}`;
}

/** The learner-facing tag of an internal reference, or undefined if it is not this learner's. */
export function learnerTag(learner: string, ref: string): string | undefined {
  return withoutLearnerPrefix(learner, ref);
}

/**
 * The internal reference of the learner's image `tag`, if it exists. One inspect is
 * far cheaper than listing every image (the engine sizes them all).
 */
export async function findLearnerImage(learner: string, tag: string): Promise<string | undefined> {
  // A reference with a registry host (`127.0.0.1:5000/x`) or a digest is never a learner's
  // image: answering "none" here lets callers explain, where asking the engine would fail.
  if (learnerTagProblem(tag)) return undefined;
  const parsed = parseImageRef(tag);
  if (!parsed) return undefined;
  const ref = learnerRef(learner, `${parsed.name}:${parsed.tag}`);
  return (await inspectImage(ref)) ? ref : undefined;
}
