import { learnerFrom } from '@/server/auth/learner';
import { learnerClassView } from '@/server/classroom/classes';
import { route } from '@/server/http';

export const dynamic = 'force-dynamic';

/** The learner's class (if any) and whether builds are paused, with the reason to show beside the Build button. */
export const GET = route(async (req: Request) =>
  Response.json(learnerClassView(learnerFrom(req)), { headers: { 'cache-control': 'no-store' } }),
);
