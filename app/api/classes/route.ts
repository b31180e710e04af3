import { requireInstructor } from '@/server/auth/guard';
import { createClass } from '@/server/classroom/classes';
import { listClasses } from '@/server/db/class-store';
import { parseBody, route } from '@/server/http';
import { createClassSchema } from './schema';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request) => {
  await requireInstructor(req);
  return Response.json({ classes: listClasses() }, { headers: { 'cache-control': 'no-store' } });
});

export const POST = route(async (req: Request) => {
  await requireInstructor(req);
  const { name } = await parseBody(req, createClassSchema, 4096);
  return Response.json(createClass(name), { status: 201 });
});
