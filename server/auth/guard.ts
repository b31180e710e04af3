import 'server-only';
import { headers } from 'next/headers';
import { AppError } from '../errors';
import { CSRF_HEADER, csrfMatches, INSTRUCTOR_COOKIE, verifySession, type InstructorSession } from './instructor-session';
import { readCookie as readCookieHeader } from '../net/cookies';
import { readCookie, sameOrigin } from './request-info';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every instructor API calls this first: a valid instructor session, and for a
 * state-changing request also the same origin and the session's CSRF token in
 * the X-Layerlab-Csrf header (a custom header a cross-site form cannot send).
 */
export async function requireInstructor(req: Request): Promise<InstructorSession> {
  const session = await verifySession(readCookie(req, INSTRUCTOR_COOKIE));
  if (!session) throw new AppError('unauthorized', 'Sign in as the instructor to do that.');
  if (!SAFE.has(req.method.toUpperCase())) {
    if (!sameOrigin(req)) throw new AppError('forbidden', 'This request came from another site and was refused.');
    if (!csrfMatches(session, req.headers.get(CSRF_HEADER))) {
      throw new AppError('forbidden', 'The request is missing its security token. Reload the page and try again.');
    }
  }
  return session;
}

/** For instructor pages (server components): the session, or undefined so the page can redirect to sign-in. */
export async function instructorFromCookies(): Promise<InstructorSession | undefined> {
  return verifySession(readCookieHeader((await headers()).get('cookie'), INSTRUCTOR_COOKIE));
}
