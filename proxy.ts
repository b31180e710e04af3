import { NextResponse, type NextRequest } from 'next/server';
import {
  decodeSession,
  encodeSession,
  newLearnerId,
  SESSION_COOKIE,
  SESSION_COOKIE_OPTIONS,
} from './server/session-cookie';

/** Issues a signed learner session cookie on first contact (also visible to this very request). */
export function proxy(request: NextRequest) {
  if (decodeSession(request.cookies.get(SESSION_COOKIE)?.value)) return NextResponse.next();
  const value = encodeSession(newLearnerId());
  request.cookies.set(SESSION_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, value, SESSION_COOKIE_OPTIONS);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|monaco/|favicon.ico).*)'],
};
