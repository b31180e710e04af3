import { NextResponse, type NextRequest } from 'next/server';
import { isHttps, sameOrigin } from './server/auth/request-info';
import { newSessionAllowed } from './server/net/session-budget';
import { readCookie } from './server/net/cookies';
import { clientAddress } from './server/net/client-address';
import { decodeSession, encodeSession, newLearnerId, SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from './server/session-cookie';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Answered without a session: a monitor polling them must not use up its address's session budget. */
const SESSIONLESS = new Set(['/api/health', '/api/metrics']);

/**
 * Runs before every page and API route:
 * - a state-changing API request from another site (Origin, Referer or
 *   Sec-Fetch-Site; any content type, text/plain forms included) is refused;
 * - a signed learner session cookie is issued on first contact (also visible
 *   to this very request), at most LAYERLAB_NEW_SESSIONS_PER_MIN per client address.
 */
export function proxy(request: NextRequest) {
  const api = request.nextUrl.pathname.startsWith('/api/');
  if (api && !SAFE.has(request.method.toUpperCase()) && !sameOrigin(request)) {
    return NextResponse.json({ error: 'forbidden', message: 'This request came from another site and was refused.' }, { status: 403 });
  }
  if (decodeSession(readCookie(request.headers.get('cookie'), SESSION_COOKIE))) return NextResponse.next();
  const budget = newSessionAllowed(clientAddress(request));
  if (!budget.allowed) {
    if (SESSIONLESS.has(request.nextUrl.pathname)) return NextResponse.next();
    const message = `Too many new sessions from your network. Try again in ${budget.retryAfterS} s.`;
    const headers = { 'retry-after': String(budget.retryAfterS) };
    return api
      ? NextResponse.json({ error: 'rate_limited', message, retryAfterS: budget.retryAfterS }, { status: 429, headers })
      : new NextResponse(message, { status: 429, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  }
  const value = encodeSession(newLearnerId());
  request.cookies.set(SESSION_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, value, { ...SESSION_COOKIE_OPTIONS, secure: isHttps(request) });
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|monaco/|favicon.ico).*)'],
};
