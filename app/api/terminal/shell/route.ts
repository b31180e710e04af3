import { AppError } from '@/server/errors';
import { route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { shells } from '@/server/terminal/shell-sessions';

export const dynamic = 'force-dynamic';

/** The learner's live shell (a reload re-attaches to it), or 404. */
export const GET = route(async () => {
  const info = shells().live(await currentLearner());
  if (!info) throw new AppError('not_found', 'No shell is open.');
  return Response.json(info);
});

/** Stops the learner's shell (`docker stop`, or closing it from the panel). */
export const DELETE = route(async () => {
  await shells().close(await currentLearner(), 'you stopped it');
  return new Response(null, { status: 204 });
});
