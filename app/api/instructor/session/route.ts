import { INSTRUCTOR_COOKIE, verifySession } from '@/server/auth/instructor-session';
import { readCookie } from '@/server/auth/request-info';
import { route } from '@/server/http';

export const dynamic = 'force-dynamic';

/** Whether this browser is signed in as the instructor, and the CSRF token its requests must carry. */
export const GET = route(async (req: Request) => {
  const session = await verifySession(readCookie(req, INSTRUCTOR_COOKIE));
  return Response.json(session ? { signedIn: true, csrfToken: session.csrfToken, expiresAt: session.expiresAt } : { signedIn: false }, {
    headers: { 'cache-control': 'no-store' },
  });
});
