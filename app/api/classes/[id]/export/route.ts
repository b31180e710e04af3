import { z } from 'zod';
import { requireInstructor } from '@/server/auth/guard';
import { requireClass } from '@/server/classroom/classes';
import { classGrid } from '@/server/classroom/dashboard';
import { classIdSchema, parseParams } from '@/server/classroom/params';
import { progressCsv } from '@/server/classroom/progress-csv';
import { route } from '@/server/http';

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

/** The class's progress as a CSV download. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, z.object({ id: classIdSchema }));
  const cls = requireClass(id);
  const file = `${cls.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'class'}-progress.csv`;
  return new Response(progressCsv(await classGrid(cls)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    },
  });
});
