import { z } from 'zod';
import { requireInstructor } from '@/server/auth/guard';
import { requireClass } from '@/server/classroom/classes';
import { classEventsResponse } from '@/server/classroom/class-events';
import { classIdSchema, parseParams } from '@/server/classroom/params';
import { route } from '@/server/http';

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

/** Live grid changes and build activity of the class (SSE). */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, z.object({ id: classIdSchema }));
  requireClass(id);
  return classEventsResponse(id, req);
});
