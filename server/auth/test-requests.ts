import { POST as loginRoute } from '@/app/api/instructor/login/route';
import { encodeSession, SESSION_COOKIE } from '../session-cookie';
import { PEER_HEADER, markPeerHeaderInstalledForTests } from '../net/peer-header';
import { CSRF_HEADER } from './instructor-session';

// These requests play the part of the server that stamps each request with its socket's address.
markPeerHeaderInstalledForTests();

/** Helpers for route-level tests: requests as a browser on http://localhost:3000 would send them. */

export const ORIGIN = 'http://localhost:3000';

/** `ip` is the socket's address; `spoof` adds headers a client may write itself (X-Real-IP, X-Forwarded-For…). */
export type As = { cookie?: string; csrf?: string; origin?: string | null; ip?: string; spoof?: Record<string, string> };

export function request(method: string, path: string, body?: unknown, as: As = {}): Request {
  const headers: Record<string, string> = { host: 'localhost:3000' };
  if (as.origin !== null && method !== 'GET') headers.origin = as.origin ?? ORIGIN;
  if (as.cookie) headers.cookie = as.cookie;
  if (as.csrf) headers[CSRF_HEADER] = as.csrf;
  headers[PEER_HEADER] = as.ip ?? '127.0.0.1';
  if (as.spoof) Object.assign(headers, as.spoof);
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
