/**
 * Image references, per Docker's reference grammar (distribution/reference):
 *   name      := [domain '/'] component ('/' component)*
 *   component := [a-z0-9]+ (separator [a-z0-9]+)*   separator := [._] | __ | -+
 *   tag       := [\w][\w.-]{0,127}
 * A learner's tag is deliberately narrower: no registry host (the engine must
 * never push or pull), no digest, at most 128 characters.
 */
import { z } from 'zod';

export const MAX_LEARNER_TAG_LENGTH = 128;
export const DEFAULT_TAG = 'latest';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
// A domain may carry a port and upper case; only the first path element can be one.
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?';

const LEARNER_REF = new RegExp(`^(${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?$`);
const ANY_REF = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?$`);
const NAME_TOTAL_MAX = 255;

export type ImageRef = { name: string; tag: string };

/**
 * Splits a `name[:tag]` reference (a registry host is accepted, a digest is
 * not). Returns undefined when the text is not a valid reference.
 */
export function parseImageRef(ref: string): ImageRef | undefined {
  const match = ANY_REF.exec(ref);
  if (!match || match[1].length > NAME_TOTAL_MAX) return undefined;
  return { name: match[1], tag: match[2] ?? DEFAULT_TAG };
}

/** Docker reads the first path element as a registry host when it looks like one. */
function firstElementIsHost(name: string): boolean {
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** The registry host a reference names (`127.0.0.1:5000` in `127.0.0.1:5000/x:latest`), if any. */
export function registryHost(ref: string): string | undefined {
  const name = ref.split('@')[0].replace(/:[\w][\w.-]*$/, '');
  return firstElementIsHost(name) ? name.slice(0, name.indexOf('/')) : undefined;
}

export function learnerTagProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'must not be empty';
  if (ref.length > MAX_LEARNER_TAG_LENGTH) return `must be at most ${MAX_LEARNER_TAG_LENGTH} characters long`;
  if (ref.includes('@')) return 'must not contain a digest (@sha256:…)';
  if (/[A-Z]/.test(ref.split(':')[0])) return 'the name must be lower case';
  const match = LEARNER_REF.exec(ref);
  if (!match) {
    return 'must look like "name" or "name:tag": lower-case letters, digits and . _ - in the name, "/" between parts';
  }
  if (firstElementIsHost(match[1])) return 'must not name a registry host (the first part contains "." or is "localhost")';
  return undefined;
}

export const learnerTagSchema = z
  .string()
  .superRefine((ref, ctx) => {
    const problem = learnerTagProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('The tag a learner gives their image, e.g. "my-app" or "my-app:v2".');
