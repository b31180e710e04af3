import { learnerFrom } from '@/server/auth/learner';
import { learnerEventsResponse } from '@/server/classroom/learner-events';
import { route } from '@/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/me's answer, live (SSE `status` events): learners see a pause or unpause without reloading. */
export const GET = route(async (req: Request) => learnerEventsResponse(learnerFrom(req), req));
