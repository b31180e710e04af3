import 'server-only';
import { clientAddress, fromTrustedProxy } from '../net/client-address';
import { readCookie as readCookieHeader } from '../net/cookies';

/**
 * What a route handler can learn about a request from its headers alone, so
 * guards work the same in Next's handlers and in tests that call them directly.
 */

export function readCookie(req: Request, name: string): string | undefined {
  return readCookieHeader(req.headers.get('cookie'), name);
}

/** The client address for rate limits: see server/net/client-address.ts. */
export function clientIp(req: Request): string {
  return clientAddress(req);
}

/** The host this request was addressed to, as the browser saw it (X-Forwarded-Host only from a trusted proxy). */
export function requestHost(req: Request): string | undefined {
  const forwarded = fromTrustedProxy(req) ? req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded || req.headers.get('host') || undefined;
}

export function isHttps(req: Request): boolean {
  const proto = fromTrustedProxy(req) ? req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  return proto ? proto === 'https' : new URL(req.url).protocol === 'https:';
}

/**
 * A cross-site request carries an Origin (or at least a Referer) of another
 * host, or `Sec-Fetch-Site: cross-site`. Browsers send Origin on every
 * POST/PATCH/DELETE, whatever the content type (text/plain included), so a
 * missing one means a non-browser client, which cannot ride on a victim's
 * cookies anyway.
 */
export function sameOrigin(req: { headers: Headers; url: string }): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const source = req.headers.get('origin') ?? req.headers.get('referer');
  if (!source || source === 'null') return !req.headers.get('origin');
  const host = requestHost(req as Request);
  try {
    return !!host && new URL(source).host === host;
  } catch {
    return false;
  }
}
