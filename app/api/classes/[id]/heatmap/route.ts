import { z } from 'zod';
import { requireInstructor } from '@/server/auth/guard';
import { requireClass } from '@/server/classroom/classes';
import { classHeatmap } from '@/server/classroom/heatmap';
import { classIdSchema, parseParams } from '@/server/classroom/params';
import { route } from '@/server/http';

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

/** Which checks and Dockerfile diagnostics fail most across the class, per lesson. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, z.object({ id: classIdSchema }));
  return Response.json(await classHeatmap(requireClass(id)), { headers: { 'cache-control': 'no-store' } });
});
