import { AppError, fromZod } from '@/server/errors';
import { route } from '@/server/http';
import { ruleDoc } from '@/server/lint/rule-docs';
import { ruleParamsSchema } from './schema';

type Context = { params: Promise<{ id: string }> };

/** A Dockerfile coach rule's explanation page as JSON {id, title, severity, markdown}. */
export const GET = route(async (_req: Request, context: Context) => {
  const params = ruleParamsSchema.safeParse(await context.params);
  if (!params.success) throw fromZod(params.error, 'rule');
  const doc = await ruleDoc(params.data.id);
  if (!doc) throw new AppError('not_found', `There is no rule named ${params.data.id}.`);
  return Response.json(doc, { headers: { 'cache-control': 'public, max-age=300' } });
});
