import { route } from '@/server/http';
import { health } from '@/server/health';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const h = await health();
  return Response.json(h, { status: h.ok ? 200 : 503 });
});
