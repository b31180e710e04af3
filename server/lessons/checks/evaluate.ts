import 'server-only';
import { runToCompletion } from '@/server/jobs/run-to-completion';
import type { Check } from '../schema';
import { evaluateStaticCheck, isStaticCheck } from './dockerfile-checks';
import { evaluateImageCheck, type ImageFacts } from './image-checks';
import { imageFacts } from './image-facts';
import { evaluateRunCheck, type RunOutcome } from './run-checks';
import { result, type CheckResult } from './types';

export type { CheckResult } from './types';

/** How checks reach the engine; tests can pass fakes. */
export type CheckEngine = {
  inspect(image: string, dockerfile?: string): Promise<ImageFacts>;
  run(image: string, opts: { command?: string[]; env?: Record<string, string> }): Promise<RunOutcome>;
};

export function sandboxCheckEngine(learner: string, signal?: AbortSignal): CheckEngine {
  return {
    inspect: imageFacts,
    async run(image, opts) {
      const { done, stdout, stderr } = await runToCompletion({ ref: image, learner, ...opts, signal });
      return { stdout, stderr, exitCode: done.exitCode, error: done.error?.message };
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
}): Promise<{ results: CheckResult[]; allPassed: boolean }> {
  const dockerfile = opts.files.find((f) => f.path === 'Dockerfile')?.content;
  let facts: Promise<ImageFacts> | undefined;
  const runs = new Map<string, Promise<RunOutcome>>();

  const results: CheckResult[] = [];
  // One at a time: runs are containers, and a classroom shares the engine.
  for (const check of opts.checks) {
    if (isStaticCheck(check)) {
      results.push(evaluateStaticCheck(check, opts.files));
      continue;
    }
    if (!opts.image) {
      results.push(result(check, false, 'The image did not build, so this cannot be checked yet.'));
      continue;
    }
    try {
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
