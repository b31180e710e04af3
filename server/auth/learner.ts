import 'server-only';
import { AppError } from '../errors';
import { decodeSession, SESSION_COOKIE } from '../session-cookie';
import { readCookie } from './request-info';

/** The learner id from the request's own cookie header (proxy.ts issues it); testable without Next's request scope. */
export function learnerFrom(req: Request): string {
  const id = decodeSession(readCookie(req, SESSION_COOKIE));
  if (!id) throw new AppError('unauthorized', 'Your session is missing or invalid. Reload the page to start a new one.');
  return id;
}
