import { AppError, fromZod } from '@/server/errors';
import { route } from '@/server/http';
import { getLesson } from '@/server/lessons';
import { solutionParamsSchema } from './schema';

type Context = { params: Promise<{ slug: string }> };

export const dynamic = 'force-dynamic';

/** The reference build context. Not a secret: the panel asks the learner to confirm before fetching it. */
export const GET = route(async (_req: Request, context: Context) => {
  const params = solutionParamsSchema.safeParse(await context.params);
  if (!params.success) throw fromZod(params.error, 'lesson');
  const lesson = await getLesson(params.data.slug);
  if (!lesson) throw new AppError('not_found', 'There is no lesson with that name.');
  return Response.json({ files: lesson.solution }, { headers: { 'cache-control': 'no-store' } });
});
