import { requireInstructor } from '@/server/auth/guard';
import { requireClass } from '@/server/classroom/classes';
import { classGrid } from '@/server/classroom/dashboard';
import { parseParams } from '@/server/classroom/params';
import { deleteClass, updateClass } from '@/server/db/class-store';
import { parseBody, route } from '@/server/http';
import { log } from '@/server/log';
import { paramsSchema, updateClassSchema } from './schema';

type Ctx = { params: Promise<{ id: string }> };

export const dynamic = 'force-dynamic';

/** The class with its settings and the roster × lessons grid. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, paramsSchema);
  const cls = requireClass(id);
  return Response.json({ class: cls, grid: await classGrid(cls) }, { headers: { 'cache-control': 'no-store' } });
});

export const PATCH = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, paramsSchema);
  requireClass(id);
  const body = await parseBody(req, updateClassSchema, 64 * 1024);
  const patch = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === null ? undefined : v]));
  const updated = updateClass(id, patch);
  log.info('class settings changed', { class: id, changed: Object.keys(body) });
  return Response.json(updated);
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  await requireInstructor(req);
  const { id } = await parseParams(ctx.params, paramsSchema);
  requireClass(id);
  deleteClass(id);
  log.info('class deleted', { class: id });
  return new Response(null, { status: 204 });
});
