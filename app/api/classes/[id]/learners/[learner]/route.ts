import { requireInstructor } from '@/server/auth/guard';
import { learnerLesson } from '@/server/classroom/learner-lesson';
import { parseParams } from '@/server/classroom/params';
import { fromZod } from '@/server/errors';
import { route } from '@/server/http';
import { paramsSchema, querySchema } from './schema';

type Ctx = { params: Promise<{ id: string; learner: string }> };

export const dynamic = 'force-dynamic';

/** A learner's lesson, read-only: current files, last build log, and every attempt's Dockerfile. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id, learner } = await parseParams(ctx.params, paramsSchema);
  const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw fromZod(query.error, 'query');
  return Response.json(await learnerLesson(id, learner, query.data.lesson), { headers: { 'cache-control': 'no-store' } });
});
