import { clientIp } from '@/server/auth/request-info';
import { parseBody, route } from '@/server/http';
import { submitRun } from '@/server/jobs/submit-run';
import { currentLearner } from '@/server/session';
import { createRunSchema } from './schema';

export const POST = route(async (req: Request) => {
  const body = await parseBody(req, createRunSchema);
  const result = await submitRun(await currentLearner(), body, { address: clientIp(req) });
  return Response.json(result, { status: 202 });
});
