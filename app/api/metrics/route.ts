import { timingSafeEqual } from 'node:crypto';
import { config } from '@/server/config';
import { AppError } from '@/server/errors';
import { route } from '@/server/http';
import { metricsText } from '@/server/ops/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text format. With LAYERLAB_METRICS_TOKEN set, the scraper must send it as a bearer token. */
export const GET = route(async (req: Request) => {
  const token = config().ops.metricsToken;
  if (token) {
    const got = Buffer.from(req.headers.get('authorization') ?? '');
    const want = Buffer.from(`Bearer ${token}`);
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw new AppError('unauthorized', 'A metrics token is required.');
  }
  return new Response(await metricsText(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
});
