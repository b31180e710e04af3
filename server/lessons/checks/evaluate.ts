import 'server-only';
import { buildToCompletion, runToCompletion } from '@/server/jobs/run-to-completion';
import { removeImage } from '@/server/sandbox/engine-images';
import { imageLayerFiles } from '@/server/sandbox/image-layer-files';
import type { Check } from '../schema';
import {
  applyEdit,
  evaluateHealthcheck,
  evaluateImageFiles,
  evaluateRebuild,
  healthcheckCommand,
  rebuildSteps,
  type LayerListing,
  type RebuildOutcome,
} from './behaviour-checks';
import { evaluateStaticCheck, isStaticCheck } from './dockerfile-checks';
import { evaluateImageCheck, type ImageFacts } from './image-checks';
import { imageFacts } from './image-facts';
import { evaluateRunCheck, type RunOutcome } from './run-checks';
import { evaluateTerminalRan, type TerminalLine } from './terminal-checks';
import { result, type CheckResult } from './types';

export type { CheckResult } from './types';

type Files = { path: string; content: string }[];

/** How checks reach the engine; tests can pass fakes. */
export type CheckEngine = {
  inspect(image: string, dockerfile?: string): Promise<ImageFacts>;
  run(image: string, opts: { command?: string[]; env?: Record<string, string> }): Promise<RunOutcome>;
  /** Builds `files` (warming the cache), then `edited`, and reports the second build's steps. */
  rebuild(files: Files, edited: Files): Promise<RebuildOutcome>;
  /** The paths in every layer of the image that is not one of `baseLayers`. */
  layerFiles(image: string, baseLayers: string[]): Promise<LayerListing[]>;
};

let rebuilds = 0;

export function sandboxCheckEngine(learner: string, signal?: AbortSignal): CheckEngine {
  return {
    inspect: imageFacts,
    async run(image, opts) {
      const { done, stdout, stderr } = await runToCompletion({ ref: image, learner, ...opts, signal });
      return { stdout, stderr, exitCode: done.exitCode, error: done.error?.message };
    },
    async rebuild(files, edited) {
      const tag = `check-rebuild-${process.pid}-${++rebuilds}`;
      const refs = new Set<string>();
      try {
        const first = await buildToCompletion({ learner, files, tag, signal });
        refs.add(first.ref);
        if (first.done.state !== 'succeeded') return { ok: false, warmFailed: true, error: first.done.error?.message, steps: [] };
        const second = await buildToCompletion({ learner, files: edited, tag, signal });
        refs.add(second.ref);
        return { ok: second.done.state === 'succeeded', error: second.done.error?.message, steps: rebuildSteps(second.events) };
      } finally {
        for (const ref of refs) await removeImage(ref).catch(() => undefined);
      }
    },
    async layerFiles(image, baseLayers) {
      return imageLayerFiles(image, new Set(baseLayers));
    },
  };
}

/**
 * Evaluates a lesson's checks, in the lesson's order. `image` is the built
 * image (ID or internal reference), or undefined when the build failed: then
 * image and run checks fail with a message saying so. Runs with the same
 * command and environment are shared between checks.
 */
export async function evaluateChecks(opts: {
  checks: Check[];
  files: { path: string; content: string }[];
  image?: string;
  engine: CheckEngine;
  /** The learner's terminal lines during this lesson, for `terminal-ran` checks. */
  terminal?: TerminalLine[];
}): Promise<{ results: CheckResult[]; allPassed: boolean }> {
  const dockerfile = opts.files.find((f) => f.path === 'Dockerfile')?.content;
  let facts: Promise<ImageFacts> | undefined;
  const runs = new Map<string, Promise<RunOutcome>>();

  const results: CheckResult[] = [];
  // One at a time: runs are containers, and a classroom shares the engine.
  for (const check of opts.checks) {
    if (check.kind === 'terminal-ran') {
      results.push(evaluateTerminalRan(check, opts.terminal ?? []));
      continue;
    }
    if (isStaticCheck(check)) {
      results.push(evaluateStaticCheck(check, opts.files));
      continue;
    }
    if (!opts.image) {
      results.push(result(check, false, 'The image did not build, so this cannot be checked yet.'));
      continue;
    }
    try {
      if (check.kind === 'rebuild') {
        const edited = applyEdit(opts.files, check.edit);
        if (!edited) {
          results.push(result(check, false, `Your build context has no file ${check.edit.path}; the check edits it to see what the cache does.`));
        } else {
          results.push(evaluateRebuild(check, await opts.engine.rebuild(opts.files, edited), dockerfile ?? ''));
        }
        continue;
      }
      if (check.kind === 'image-files') {
        const f = await (facts ??= opts.engine.inspect(opts.image, dockerfile));
        const layers = await opts.engine.layerFiles(opts.image, check.includeBaseImage ? [] : (f.baseLayers ?? []));
        results.push(evaluateImageFiles(check, layers, f.layers.length, f.baseLayers?.length ?? 0));
        continue;
      }
      if (check.kind === 'healthcheck') {
        const f = await (facts ??= opts.engine.inspect(opts.image, dockerfile));
        const cmd = healthcheckCommand(f.config);
        const run = 'problem' in cmd ? cmd : await opts.engine.run(opts.image, { command: cmd.command });
        results.push(evaluateHealthcheck(check, f.config, run));
        continue;
      }
      if (check.kind === 'run') {
        const key = JSON.stringify([check.command ?? null, check.env ?? null]);
        if (!runs.has(key)) runs.set(key, opts.engine.run(opts.image, { command: check.command, env: check.env }));
        results.push(evaluateRunCheck(check, await runs.get(key)!));
      } else {
        facts ??= opts.engine.inspect(opts.image, dockerfile);
        results.push(evaluateImageCheck(check, await facts));
      }
    } catch (err) {
      results.push(result(check, false, `Could not check the image: ${(err as Error).message}`));
    }
  }
  return { results, allPassed: results.length > 0 && results.every((r) => r.passed) };
}
