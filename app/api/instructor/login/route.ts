import { INSTRUCTOR_COOKIE, sessionCookieOptions } from '@/server/auth/instructor-session';
import { login } from '@/server/auth/login';
import { isHttps } from '@/server/auth/request-info';
import { parseBody, route } from '@/server/http';
import { loginSchema } from './schema';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const { password } = await parseBody(req, loginSchema, 4096);
  const { value, session } = await login(req, password);
  const res = Response.json({ csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  res.headers.append('set-cookie', serializeCookie(INSTRUCTOR_COOKIE, value, sessionCookieOptions(isHttps(req))));
  return res;
});

function serializeCookie(name: string, value: string, o: ReturnType<typeof sessionCookieOptions>) {
  return `${name}=${value}; Path=${o.path}; Max-Age=${o.maxAge}; HttpOnly; SameSite=Strict${o.secure ? '; Secure' : ''}`;
}
