import { learnerFrom } from '@/server/auth/learner';
import { sameOrigin } from '@/server/auth/request-info';
import { joinClass } from '@/server/classroom/classes';
import { AppError } from '@/server/errors';
import { parseBody, route } from '@/server/http';
import { joinSchema } from './schema';

export const dynamic = 'force-dynamic';

/** Puts this browser's learner session in the class with the code; their progress stays theirs. */
export const POST = route(async (req: Request) => {
  // Another site must not be able to move a learner into its class.
  if (!sameOrigin(req)) throw new AppError('forbidden', 'This request came from another site and was refused.');
  const learner = learnerFrom(req);
  const { code, displayName } = await parseBody(req, joinSchema, 4096);
  return Response.json(joinClass(learner, code, displayName));
});
