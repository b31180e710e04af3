import { AppError } from '@/server/errors';
import { parseBody, route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { shells } from '@/server/terminal/shell-sessions';
import { shellInputSchema } from './schema';

export const POST = route(async (req: Request) => {
  const { data } = await parseBody(req, shellInputSchema, 128 * 1024);
  const session = shells().get(await currentLearner());
  if (!session || session.ended) throw new AppError('not_found', 'No shell is open.');
  session.input(data);
  return new Response(null, { status: 204 });
});
