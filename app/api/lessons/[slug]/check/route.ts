import { fromZod } from '@/server/errors';
import { parseBody, route } from '@/server/http';
import { checkBuild } from '@/server/lessons/check-build';
import { currentLearner } from '@/server/session';
import { checkBodySchema, checkParamsSchema } from './schema';

type Context = { params: Promise<{ slug: string }> };

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, context: Context) => {
  const params = checkParamsSchema.safeParse(await context.params);
  if (!params.success) throw fromZod(params.error, 'lesson');
  const body = await parseBody(req, checkBodySchema, 16 * 1024);
  const result = await checkBuild({ learner: await currentLearner(), slug: params.data.slug, buildId: body.buildId, signal: req.signal });
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
});
