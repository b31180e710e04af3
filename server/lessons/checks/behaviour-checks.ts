import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Check } from '../schema';
import type { ImageFacts } from './image-checks';
import { readInstructions } from './instructions';
import { matches, quote } from './match-text';
import type { RunOutcome } from './run-checks';
import { result, type CheckResult } from './types';

/**
 * Pure evaluators for checks of behaviour: what the cache does after an edit,
 * which files any layer holds, whether the declared health check passes.
 * The engine work (builds, `docker save`, runs) happens in evaluate.ts.
 */

type RebuildCheck = Extract<Check, { kind: 'rebuild' }>;
type ImageFilesCheck = Extract<Check, { kind: 'image-files' }>;
type HealthcheckCheck = Extract<Check, { kind: 'healthcheck' }>;
type Selector = { instruction: string; matches?: string };

/**
 * The learner's files with the check's edit applied; `{nonce}` becomes a value
 * new to this run, so a repeated check is not answered by the edit cached last time.
 */
export function applyEdit<F extends { path: string; content: string }>(
  files: F[],
  edit: RebuildCheck['edit'],
  nonce: string = randomBytes(6).toString('hex'),
): F[] | undefined {
  if (!files.some((f) => f.path === edit.path)) return undefined;
  const append = edit.append.replaceAll('{nonce}', nonce);
  return files.map((f) => (f.path === edit.path ? { ...f, content: f.content + append } : f));
}

/** What a rebuild reports: one entry per step of the second build, in order. */
export type RebuildStep = { key: number; instruction: string; line?: number; cached: boolean };
export type RebuildOutcome = { ok: boolean; error?: string; steps: RebuildStep[]; /** The learner's own files did not build. */ warmFailed?: boolean };

type AnyBuildEvent = {
  type: string;
  index?: number;
  n?: number;
  instruction?: string;
  name?: string;
  line?: number;
  cached?: boolean;
  state?: string;
  internal?: boolean;
};

/**
 * The steps of a build from its events, and whether the cache answered each:
 * the classic builder's `step` events (announced again with `cached: true`) or
 * BuildKit's `vertex` events (state `cached`), so the check works on either
 * side of the platform's switch to BuildKit.
 */
export function rebuildSteps(events: readonly { type: string }[]): RebuildStep[] {
  const steps = new Map<number, RebuildStep>();
  for (const raw of events) {
    const e = raw as AnyBuildEvent;
    const key = e.type === 'step' ? e.index : e.type === 'vertex' && !e.internal ? e.n : undefined;
    if (key === undefined) continue;
    const cached = e.type === 'step' ? !!e.cached : e.state === 'cached';
    const prev = steps.get(key);
    steps.set(key, {
      key,
      instruction: e.instruction ?? prev?.instruction ?? e.name ?? '',
      line: e.line ?? prev?.line,
      cached: cached || !!prev?.cached,
    });
  }
  return [...steps.values()];
}

/** One entry per build step: its Dockerfile instruction and whether the cache answered it. */
export function stepsOf(steps: RebuildStep[], dockerfile: string) {
  const byLine = new Map(readInstructions(dockerfile).map((i) => [i.line, i]));
  return steps.map((s) => {
    const known = s.line !== undefined ? byLine.get(s.line) : undefined;
    const [keyword = '', ...rest] = s.instruction.trim().split(/\s+/);
    return { keyword: known?.keyword ?? keyword.toUpperCase(), text: known?.text ?? rest.join(' '), line: s.line, cached: s.cached };
  });
}

const describeStep = (s: Selector) => (s.matches ? `the ${s.instruction} step matching /${s.matches}/` : `the ${s.instruction} step`);

export function evaluateRebuild(check: RebuildCheck, outcome: RebuildOutcome, dockerfile: string): CheckResult {
  if (check.fails) {
    if (outcome.warmFailed) return result(check, false, `Your files do not build yet: ${outcome.error ?? 'the build failed'}.`);
    if (outcome.ok) return result(check, false, `After a change to ${check.edit.path} that breaks the app, the image still built: nothing in the build noticed.`);
    return result(check, true, `After a change to ${check.edit.path} that breaks the app, the build failed, as it should.`);
  }
  if (!outcome.ok) return result(check, false, `After adding a line to ${check.edit.path}, the image did not build again: ${outcome.error ?? 'the build failed'}.`);
  const steps = stepsOf(outcome.steps, dockerfile);
  const find = (s: Selector) => steps.find((x) => x.keyword === s.instruction && (s.matches === undefined || matches(s.matches, x.text)));
  const at = (x: { line?: number; keyword: string; text: string }) => `${x.line ? `line ${x.line}: ` : ''}${x.keyword} ${quote(x.text, 60)}`;
  for (const s of check.cached) {
    const step = find(s);
    if (!step) return result(check, false, `There is no ${describeStep(s).replace(/^the /, '')} in your Dockerfile.`);
    if (!step.cached) {
      return result(check, false, `After editing ${check.edit.path}, ${at(step)} ran again instead of coming from the cache: a step above it uses ${check.edit.path}.`);
    }
  }
  for (const s of check.rebuilt) {
    const step = find(s);
    if (!step) return result(check, false, `There is no ${describeStep(s).replace(/^the /, '')} in your Dockerfile.`);
    if (step.cached) return result(check, false, `After editing ${check.edit.path}, ${at(step)} still came from the cache, so the image would not contain the change.`);
  }
  return result(check, true, `After editing ${check.edit.path}, the cache answered ${steps.filter((x) => x.cached).length} of ${steps.length} steps.`);
}

/** `**`/`*` glob → anchored regular expression over absolute paths. A pattern without `/` matches a name anywhere. */
export function globToRegExp(glob: string): RegExp {
  const anywhere = !glob.includes('/');
  const body = glob
    .replace(/^\/+/, '')
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\@]/g, '\\$&')))
    .join('');
  return new RegExp(`^/${anywhere ? '(?:.*/)?' : ''}${body}$`);
}

export type LayerListing = { index: number; entries: { path: string }[] };

export function evaluateImageFiles(check: ImageFilesCheck, layers: LayerListing[], totalLayers: number, baseLayers = 0): CheckResult {
  const patterns = check.absent.map((g) => ({ glob: g, re: globToRegExp(g) }));
  for (const layer of layers) {
    for (const e of layer.entries) {
      const name = e.path.split('/').pop() ?? '';
      if (name.startsWith('.wh.')) continue; // a deletion marker: the file itself is in an earlier layer
      const hit = patterns.find((p) => p.re.test(e.path));
      if (hit) {
        return result(
          check,
          false,
          layer.index < baseLayers
            ? `The image contains ${e.path}: it comes with the base image (layer ${layer.index + 1} of ${totalLayers}). Choose a base without it, or start FROM scratch.`
            : `The image contains ${e.path} (in layer ${layer.index + 1} of ${totalLayers}, added by your Dockerfile). Anyone who pulls the image can read it, even if a later step deletes it.`,
        );
      }
    }
  }
  const files = layers.reduce((n, l) => n + l.entries.length, 0);
  const which = check.includeBaseImage ? 'of the image' : 'your Dockerfile added';
  return result(check, true, `None of the ${files} paths in the ${layers.length} layer${layers.length === 1 ? '' : 's'} ${which} matches ${check.absent.join(', ')}.`);
}

const HEALTHY = '__layerlab_healthy__';
const UNHEALTHY = '__layerlab_unhealthy__';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The command that starts the image's own CMD in the background and runs its
 * HEALTHCHECK beside it until it passes (at most ~20 tries, half a second
 * apart, inside the container). Needs `sh` in the image; not for images with an
 * ENTRYPOINT, which a run's command cannot bypass.
 */
export function healthcheckCommand(config: ImageFacts['config']): { command: string[] } | { problem: string } {
  const test = config.Healthcheck?.Test ?? [];
  if (!test.length || test[0] === 'NONE') return { problem: 'The image declares no HEALTHCHECK.' };
  if (config.Entrypoint?.length) return { problem: 'The image has an ENTRYPOINT, which this check cannot start beside its health check.' };
  const cmd = config.Cmd ?? [];
  if (!cmd.length) return { problem: 'The image has no CMD to start.' };
  const probe = test[0] === 'CMD-SHELL' ? `sh -c ${shellQuote(test.slice(1).join(' '))}` : test.slice(test[0] === 'CMD' ? 1 : 0).map(shellQuote).join(' ');
  const script = [
    `${cmd.map(shellQuote).join(' ')} >/dev/null 2>&1 &`,
    'i=0',
    `while [ $i -lt 20 ]; do if ${probe}; then echo ${HEALTHY}; exit 0; fi; i=$((i+1)); sleep 0.5; done`,
    `echo ${UNHEALTHY}; exit 1`,
  ].join('\n');
  return { command: ['sh', '-c', script] };
}

export function evaluateHealthcheck(check: HealthcheckCheck, config: ImageFacts['config'], run: RunOutcome | { problem: string }): CheckResult {
  if ('problem' in run) return result(check, false, run.problem);
  const test = (config.Healthcheck?.Test ?? []).slice(1).join(' ');
  if (run.stdout.includes(HEALTHY)) return result(check, true, `The health check \`${test}\` passed against the running service.`);
  if (run.error && run.exitCode === undefined) return result(check, false, `The container did not run: ${run.error}`);
  const why = run.stderr.trim().split('\n').slice(-1)[0];
  return result(
    check,
    false,
    `The health check \`${test}\` kept failing while the service ran${why ? ` (last error: ${quote(why, 120)})` : ''}. Run it yourself beside the server: does the user the image runs as have what it needs?`,
  );
}
