import 'server-only';
import { buildToCompletion, runToCompletion } from '../jobs/run-to-completion';
import { docker } from '../sandbox/docker';
import { provisionImages } from './provision';

/**
 * For the image tests (server/images/*-image.engine.test.ts): build a context on the
 * real road learners use (Dockerfile policy, BuildKit, gVisor, no network) and
 * run the result. Not a test file itself.
 */

export const LEARNER = 'imagetests';

export async function ensureImages(...refs: string[]) {
  await provisionImages({ only: refs }); // seconds once `npm run images` ran
}

export async function buildAndRun(
  tag: string,
  files: Record<string, string>,
  run: { command?: string[]; env?: Record<string, string> } = {},
) {
  const { done, events, ref } = await buildToCompletion({
    learner: LEARNER,
    tag,
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
  });
  const log = events.map((e) => ('text' in e ? String(e.text) : '')).join('');
  if (done.state !== 'succeeded')
    return { built: false as const, log: `${log}\n${done.error?.message ?? done.state}`, stdout: '', stderr: '', exitCode: undefined };
  try {
    const r = await runToCompletion({ ref, learner: LEARNER, ...run });
    return { built: true as const, log, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: r.stderr, exitCode: r.done.exitCode };
  } finally {
    await docker()
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
