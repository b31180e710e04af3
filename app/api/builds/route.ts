import { clientIp } from '@/server/auth/request-info';
import { parseBody, route } from '@/server/http';
import { submitBuild } from '@/server/jobs/submit-build';
import { currentLearner } from '@/server/session';
import { createBuildSchema } from './schema';

export const POST = route(async (req: Request) => {
  const body = await parseBody(req, createBuildSchema);
  const result = await submitBuild(await currentLearner(), body, { address: clientIp(req) });
  return Response.json(result, { status: 202 });
});
