import { parseBody, route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { shells } from '@/server/terminal/shell-sessions';
import { shellResizeSchema } from './schema';

export const POST = route(async (req: Request) => {
  const { cols, rows } = await parseBody(req, shellResizeSchema);
  shells()
    .get(await currentLearner())
    ?.resize(cols, rows);
  return new Response(null, { status: 204 });
});
