import 'server-only';
import { z } from 'zod';
import { catalog, findCatalogEntry } from '@/lib/image-catalog';
import { rules as lintRules } from '@/lib/lint';

/**
 * The frontmatter of `lessons/NN-slug/lesson.md`. Strict everywhere, so a typo
 * in a key is an error with its line instead of a silently ignored setting.
 * The `.describe()` texts are the reference in docs/authoring.md.
 *
 * Checks are data, never code: the server only ever evaluates them with its
 * own evaluators (server/lessons/checks/).
 */

/** Regular expressions come from lesson authors; refuse ones that cannot compile or are obviously catastrophic. */
const pattern = z
  .string()
  .min(1)
  .max(500)
  .superRefine((src, ctx) => {
    try {
      new RegExp(src);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
      return;
    }
    if (backtracksBadly(src)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a repeated group containing a quantifier or | (such as (a+)+ or (a|aa)*) can hang the checker; simplify the pattern',
      });
    }
  })
  .describe('A JavaScript regular expression (no slashes, no flags)');

/**
 * Learner text is capped, but a pattern like (a+)+ or (a|aa)* is exponential
 * even on a few thousand characters. Refuse any group repeated without bound
 * (*, +, {n,}) whose body has its own quantifier or alternation.
 */
export function backtracksBadly(src: string): boolean {
  const groups: boolean[] = []; // per open group: does its body repeat or branch?
  let closedRisky = false; // the atom just before is a group whose body repeats or branches
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const afterGroup = closedRisky;
    closedRisky = false;
    if (c === '\\') i++;
    else if (c === '[') {
      // Skip the character class, escapes included.
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') {
      groups.push(false);
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z]\w*>)/.exec(src.slice(i + 1));
      if (prefix) i += prefix[0].length;
    } else if (c === ')') {
      const risky = groups.pop() ?? false;
      if (risky && groups.length) groups[groups.length - 1] = true;
      closedRisky = risky;
    } else if (c === '|') {
      if (groups.length) groups[groups.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(src.slice(i)));
      if (unbounded && afterGroup) return true;
      if (groups.length) groups[groups.length - 1] = true;
    }
  }
  return false;
}

const instructionName = z
  .string()
  .regex(/^[A-Za-z]+$/, 'must be a Dockerfile instruction such as FROM or RUN')
  .transform((s) => s.toUpperCase())
  .describe('A Dockerfile instruction keyword, e.g. FROM, RUN, COPY (case-insensitive)');

const stage = z
  .enum(['any', 'final'])
  .default('any')
  .describe('Which build stages to look at: every stage, or only the last one (the image you get)');

/** Picks instructions: a keyword, optionally with arguments matching a pattern. */
const instructionSelector = {
  instruction: instructionName,
  matches: pattern.optional().describe('Only instructions whose arguments (flags included, e.g. `--from=build app /app`) match'),
};

const base = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes')
    .max(60)
    .describe('Stable identifier of the check, unique within the lesson'),
  title: z.string().min(1).max(200).describe('What the learner must achieve, shown as a goal'),
  hint: z.string().min(1).max(1000).describe('Shown when the check fails: what to change, in the learner\'s terms (required)'),
};

const strict = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

export const instructionCheck = strict({
  ...base,
  kind: z.literal('instruction'),
  ...instructionSelector,
  present: z.boolean().default(true).describe('true: at least one such instruction exists; false: none exists'),
  stage,
}).describe('A Dockerfile instruction is present (or absent), optionally with arguments matching a pattern');

export const instructionCountCheck = strict({
  ...base,
  kind: z.literal('instruction-count'),
  ...instructionSelector,
  min: z.number().int().min(0).optional().describe('At least this many'),
  max: z.number().int().min(0).optional().describe('At most this many'),
  stage,
})
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'give min, max or both' })
  .describe('How many times an instruction appears');

const orderEnd = strict(instructionSelector).describe('An instruction, optionally with arguments matching a pattern');

export const instructionOrderCheck = strict({
  ...base,
  kind: z.literal('instruction-order'),
  first: orderEnd.describe('This instruction must appear…'),
  then: orderEnd.describe('…before the first occurrence of this one'),
  stage,
}).describe('One instruction comes before another (both must be present)');

export const contextFileCheck = strict({
  ...base,
  kind: z.literal('context-file'),
  path: z.string().min(1).max(200).describe('File in the build context, e.g. .dockerignore'),
  present: z.boolean().default(true).describe('Whether the file must exist'),
  matches: pattern.optional().describe('Multiline pattern the file content must match'),
}).describe('A file of the build context exists (or not) and matches a pattern');

const coachRuleId = z.string().refine((id) => lintRules.some((rule) => rule.id === id), {
  message: `not a rule of the Dockerfile coach (see docs/rules): use one of ${lintRules.map((rule) => rule.id).join(', ')}`,
});

export const lintCleanCheck = strict({
  ...base,
  kind: z.literal('lint-clean'),
  rules: z
    .array(coachRuleId)
    .min(1)
    .max(30)
    .describe('Ids of Dockerfile coach rules (docs/rules), e.g. pip-no-cache-dir'),
}).describe('The Dockerfile coach reports nothing for these rules');

const imageField = z
  .enum(['Cmd', 'Entrypoint', 'WorkingDir', 'Env', 'User', 'ExposedPorts', 'Healthcheck', 'Labels', 'StopSignal'])
  .describe('Field of the image config (`docker image inspect` → Config)');

export const imageConfigCheck = strict({
  ...base,
  kind: z.literal('image-config'),
  field: imageField,
  present: z.boolean().optional().describe('The field is set (non-empty) or not'),
  equals: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Exact value; a list for Cmd/Entrypoint (exec form)'),
  includes: z.string().optional().describe('For list fields: one entry equals this (e.g. Env `NAME=World`, ExposedPorts `8000/tcp`)'),
  matches: pattern.optional().describe('The value (lists joined with spaces) matches'),
})
  .refine((c) => [c.present, c.equals, c.includes, c.matches].some((v) => v !== undefined), {
    message: 'give present, equals, includes or matches',
  })
  .describe('A field of the built image configuration');

export const imageSizeCheck = strict({
  ...base,
  kind: z.literal('image-size'),
  maxMb: z.number().positive().describe('The image is at most this many megabytes (10^6 bytes)'),
}).describe('Size of the built image');

export const imageLayersCheck = strict({
  ...base,
  kind: z.literal('image-layers'),
  max: z.number().int().min(1).describe('At most this many filesystem layers in total (base image included)'),
  maxAdded: z.number().int().min(0).optional().describe('At most this many filesystem layers added on top of the base image'),
}).describe('Number of filesystem layers of the built image');

export const runCheck = strict({
  ...base,
  kind: z.literal('run'),
  command: z.array(z.string().max(1000)).min(1).max(50).optional().describe('Arguments after the image name (default: the image CMD)'),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(1000)).optional().describe('Extra environment variables (-e)'),
  stdoutContains: z.string().optional().describe('Standard output contains this text'),
  stdoutNotContains: z.string().optional().describe('Standard output does not contain this text'),
  stdoutMatches: pattern.optional().describe('Standard output matches this pattern'),
  exitCode: z.number().int().min(0).max(255).optional().describe('The container exits with this code'),
})
  .refine(
    (c) => [c.stdoutContains, c.stdoutNotContains, c.stdoutMatches, c.exitCode].some((v) => v !== undefined),
    { message: 'give stdoutContains, stdoutNotContains, stdoutMatches or exitCode' },
  )
  .describe('Run a container from the built image and look at its output');

const step = strict(instructionSelector).describe('A build step: its instruction, optionally with arguments matching a pattern');

export const rebuildCheck = strict({
  ...base,
  kind: z.literal('rebuild'),
  edit: strict({
    path: z.string().min(1).max(200).describe('A file of the build context'),
    append: z
      .string()
      .min(1)
      .max(1000)
      .describe('Text appended to it; `{nonce}` in it becomes a value new to each check run'),
  }).describe('The change a developer makes before building again'),
  cached: z.array(step).max(10).default([]).describe('Steps that must come from the build cache after the edit'),
  rebuilt: z.array(step).max(10).default([]).describe('Steps that must run again after the edit'),
  fails: z.boolean().default(false).describe('The edit breaks the app, and the build after it must fail (e.g. because a test step runs)'),
})
  .refine((c) => c.fails || c.cached.length + c.rebuilt.length > 0, { message: 'give cached, rebuilt, fails: true, or a combination' })
  // BuildKit keeps what it built: an edit identical to one checked before would be answered from
  // the cache on the second "Check my work", and steps that must run again would look cached.
  .refine((c) => c.fails || c.edit.append.includes('{nonce}'), {
    message: 'edit.append must contain {nonce} (e.g. "\n# changed {nonce}\n"), so each check run makes a new edit the cache has not seen',
    path: ['edit', 'append'],
  })
  .describe('Build the learner\'s files, edit one, build again, and look at which steps the cache answered');

const pathGlob = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.*/@+-]+$/, 'letters, digits, . _ - @ + / and the wildcards * and ** only')
  .describe('A path pattern: `name` matches that file or folder name anywhere, `/a/b` that absolute path; `*` any characters but `/`, `**` any number of folders');

export const imageFilesCheck = strict({
  ...base,
  kind: z.literal('image-files'),
  absent: z.array(pathGlob).min(1).max(20).describe('No layer added by the Dockerfile contains a path matching one of these — including files a later step deleted'),
  includeBaseImage: z.boolean().default(false).describe('Search the layers of the final stage\'s base image too (e.g. "no shell anywhere in the image")'),
}).describe('Search every layer the Dockerfile added (not only the final filesystem) for files that must not be there');

export const healthcheckCheck = strict({
  ...base,
  kind: z.literal('healthcheck'),
}).describe('Start a container with the image\'s own command, run the image\'s declared HEALTHCHECK command beside it (as the image\'s user) and require it to report healthy');

/** Evaluated by checks/terminal-checks.ts from the learner's recorded terminal lines. */
export const terminalRanCheck = strict({
  ...base,
  kind: z.literal('terminal-ran'),
  command: z
    .enum(['build', 'run', 'images', 'history', 'inspect', 'rmi', 'ps', 'stop', 'logs'])
    .describe('The docker command the learner must have run in the terminal during this lesson (e.g. history)'),
  lineMatches: pattern.optional().describe('Only lines matching this pattern count (e.g. `-it .* sh$`)'),
}).describe('The learner ran a docker command in the terminal during this lesson, successfully (only where running it teaches something)');

export const checkSchema = z.discriminatedUnion('kind', [
  terminalRanCheck,
  rebuildCheck,
  imageFilesCheck,
  healthcheckCheck,
  instructionCheck,
  instructionCountCheck,
  instructionOrderCheck,
  contextFileCheck,
  lintCleanCheck,
  imageConfigCheck,
  imageSizeCheck,
  imageLayersCheck,
  runCheck,
]);

export const frontmatterSchema = strict({
  title: z.string().min(1).max(120).describe('Lesson title'),
  description: z.string().min(1).max(300).describe('One sentence shown in the lesson list'),
  layout: z.string().optional().describe('Accepted for compatibility with other lesson formats; ignored'),
  type: z.string().optional().describe('Accepted for compatibility with other lesson formats; ignored'),
  tag: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/, 'must be a valid image name such as my-app or my-app:v1')
    .default('my-image')
    .describe('Default image tag for Build and Run'),
  open: z.string().min(1).max(200).default('Dockerfile').describe('File the editor opens first'),
  images: z
    .array(
      z.string().refine((ref) => findCatalogEntry(ref) !== undefined, {
        message: `not in the base-image catalog: use one of ${catalog.map((c) => c.ref).join(', ')}`,
      }),
    )
    .max(10)
    .default([])
    .describe(
      "Base images the lesson's Dockerfiles use (catalog references, e.g. python:3.13-slim); every FROM of files/ and solution/ must be listed. The instructor warm-up provisions these",
    ),
  hints: z.array(z.string().min(1).max(1000)).max(20).default([]).describe('Hints, revealed one at a time'),
  checks: z.array(checkSchema).max(30).default([]).describe('Goals checked by "Check my work"'),
  coach: strict({
    off: z
      .array(coachRuleId)
      .max(30)
      .default([])
      .describe("Ids of Dockerfile coach rules (docs/rules) switched off in this lesson, e.g. avoid-root-user while the lesson's own example runs as root"),
  })
    .default({ off: [] })
    .describe('Settings of the Dockerfile coach for this lesson'),
}).superRefine((fm, ctx) => {
  const seen = new Set<string>();
  fm.checks.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${c.id}"` });
    seen.add(c.id);
  });
});

/** `wrong/wrong.yaml`: the counter-examples of a lesson, by folder name. */
export const wrongCasesSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'case names are folder names: lowercase letters, digits and dashes'),
  strict({
    fails: z.string().min(1).describe('Id of the check that must fail for this case'),
    why: z.string().min(1).max(500).describe('Why the case is wrong, for the next author'),
  }),
);

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export type Check = z.infer<typeof checkSchema>;
export type CheckKind = Check['kind'];
