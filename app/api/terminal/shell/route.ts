import { route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { shells } from '@/server/terminal/shell-sessions';

export const dynamic = 'force-dynamic';

/** The learner's live shell (a reload re-attaches to it), or `{ shell: null }`. */
export const GET = route(async () => {
  // No shell is the usual answer (every lesson page asks once), not an error for the browser's console.
  return Response.json({ shell: shells().live(await currentLearner()) ?? null });
});

/** Stops the learner's shell (`docker stop`, or closing it from the panel). */
export const DELETE = route(async () => {
  await shells().close(await currentLearner(), 'you stopped it');
  return new Response(null, { status: 204 });
});
