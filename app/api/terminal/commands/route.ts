import { clientIp } from '@/server/auth/request-info';
import { parseBody, route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { executeTerminalLine } from '@/server/terminal/execute';
import { terminalCommandSchema } from './schema';

export const POST = route(async (req: Request) => {
  const body = await parseBody(req, terminalCommandSchema);
  return Response.json(await executeTerminalLine(await currentLearner(), body, { address: clientIp(req) }));
});
