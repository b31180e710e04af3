import { requireInstructor } from '@/server/auth/guard';
import { imagesOverview, startWarmup } from '@/server/classroom/image-warmup';
import { parseBody, route } from '@/server/http';
import { warmSchema } from './schema';

export const dynamic = 'force-dynamic';

/** Base images: present or not, which lessons use them, and the warm-up in progress. */
export const GET = route(async (req: Request) => {
  await requireInstructor(req);
  return Response.json(await imagesOverview(), { headers: { 'cache-control': 'no-store' } });
});

export const POST = route(async (req: Request) => {
  await requireInstructor(req);
  const { refs } = await parseBody(req, warmSchema, 8192);
  const started = startWarmup(refs);
  return Response.json({ started }, { status: started ? 202 : 409 });
});
