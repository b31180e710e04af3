import { POST as loginRoute } from '@/app/api/instructor/login/route';
import { encodeSession, SESSION_COOKIE } from '../session-cookie';
import { CSRF_HEADER } from './instructor-session';

/** Helpers for route-level tests: requests as a browser on http://localhost:3000 would send them. */

export const ORIGIN = 'http://localhost:3000';

export type As = { cookie?: string; csrf?: string; origin?: string | null; ip?: string };

export function request(method: string, path: string, body?: unknown, as: As = {}): Request {
  const headers: Record<string, string> = { host: 'localhost:3000' };
  if (as.origin !== null && method !== 'GET') headers.origin = as.origin ?? ORIGIN;
  if (as.cookie) headers.cookie = as.cookie;
  if (as.csrf) headers[CSRF_HEADER] = as.csrf;
  if (as.ip) headers['x-forwarded-for'] = as.ip;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(ORIGIN + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export const learnerCookie = (id: string) => `${SESSION_COOKIE}=${encodeSession(id)}`;

/** Signs in and returns the cookie and CSRF token an instructor's browser would hold. */
export async function signIn(password: string, ip = '10.0.0.1'): Promise<{ cookie: string; csrf: string }> {
  const res = await loginRoute(request('POST', '/api/instructor/login', { password }, { ip }));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return { cookie, csrf: (await res.json()).csrfToken };
}

export const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
