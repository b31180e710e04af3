import { requireInstructor } from '@/server/auth/guard';
import { INSTRUCTOR_COOKIE, revokeSession } from '@/server/auth/instructor-session';
import { route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  revokeSession(await requireInstructor(req));
  const res = new Response(null, { status: 204 });
  res.headers.append('set-cookie', `${INSTRUCTOR_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`);
  return res;
});
