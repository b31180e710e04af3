import 'server-only';
import { headers } from 'next/headers';
import { readCookie } from './net/cookies';
import { decodeSession, SESSION_COOKIE } from './session-cookie';
import { AppError } from './errors';

/** The current learner's id (route handlers and server components). proxy.ts guarantees the cookie. */
export async function currentLearner(): Promise<string> {
  const id = decodeSession(readCookie((await headers()).get('cookie'), SESSION_COOKIE));
  if (!id) throw new AppError('unauthorized', 'Your session is missing or invalid. Reload the page to start a new one.');
  return id;
}
