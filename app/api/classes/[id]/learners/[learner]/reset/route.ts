import { requireInstructor } from '@/server/auth/guard';
import { requireMember } from '@/server/classroom/learner-lesson';
import { parseParams } from '@/server/classroom/params';
import { resetLesson } from '@/server/db/class-progress';
import { parseBody, route } from '@/server/http';
import { log } from '@/server/log';
import { paramsSchema, resetSchema } from './schema';

type Ctx = { params: Promise<{ id: string; learner: string }> };

export const dynamic = 'force-dynamic';

/** Starts a lesson over for one learner: files, done mark and check outcomes go; builds stay as history. */
export const POST = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id, learner } = await parseParams(ctx.params, paramsSchema);
  const { lesson } = await parseBody(req, resetSchema, 4096);
  requireMember(id, learner);
  resetLesson(learner, lesson);
  log.info('lesson reset by instructor', { class: id, learner, lesson });
  return new Response(null, { status: 204 });
});
