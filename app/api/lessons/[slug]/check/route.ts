import { recordCheckResult } from '@/server/db/check-results';
import { fromZod } from '@/server/errors';
import { parseBody, route } from '@/server/http';
import { checkBuild } from '@/server/lessons/check-build';
import { clientIp } from '@/server/auth/request-info';
import { currentLearner } from '@/server/session';
import { checkBodySchema, checkParamsSchema } from './schema';

type Context = { params: Promise<{ slug: string }> };

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request, context: Context) => {
  const params = checkParamsSchema.safeParse(await context.params);
  if (!params.success) throw fromZod(params.error, 'lesson');
  const body = await parseBody(req, checkBodySchema, 16 * 1024);
  const learner = await currentLearner();
  const result = await checkBuild({ learner, slug: params.data.slug, buildId: body.buildId, signal: req.signal, address: clientIp(req) });
  // Kept for the instructor's heatmap and grid ("checks failed").
  recordCheckResult({ learner, lesson: params.data.slug, buildId: body.buildId, results: result.results, allPassed: result.allPassed });
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
});
