import { AppError } from '@/server/errors';
import { route } from '@/server/http';
import { imageLayers } from '@/server/jobs/image-layers';
import { currentLearner } from '@/server/session';
import { layersParamsSchema } from './schema';

type Context = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

/** The layers of a learner's built image, each tied to its Dockerfile step. Another learner's build is a 404. */
export const GET = route(async (_req: Request, context: Context) => {
  const { id } = await context.params;
  const params = layersParamsSchema.safeParse({ id });
  if (!params.success) throw new AppError('not_found', `No build with id ${id}.`);
  const learner = await currentLearner();
  return Response.json(await imageLayers(params.data.id, learner), { headers: { 'cache-control': 'no-store' } });
});
