import 'server-only';

/**
 * What a route handler can learn about a request from its headers alone, so
 * guards work the same in Next's handlers and in tests that call them directly.
 */

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/**
 * The client address for rate limiting. Next fills X-Forwarded-For with the
 * socket address only when the client did not send one, so without a reverse
 * proxy that overwrites it this can be spoofed — the login limiter therefore
 * also keeps a global budget (see docs/deploy.md for the proxy line).
 */
export function clientIp(req: Request): string {
  const real = req.headers.get('x-real-ip')?.trim();
  if (real) return real;
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || 'unknown';
}

/** The host this request was addressed to, as the browser saw it. */
export function requestHost(req: Request): string | undefined {
  return req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host') || undefined;
}

export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return proto ? proto === 'https' : new URL(req.url).protocol === 'https:';
}

/**
 * A cross-site request carries an Origin (or at least a Referer) of another
 * host. Browsers send Origin on every POST/PATCH/DELETE, so a missing one means
 * a non-browser client, which cannot ride on a victim's cookies anyway.
 */
export function sameOrigin(req: Request): boolean {
  const source = req.headers.get('origin') ?? req.headers.get('referer');
  if (!source || source === 'null') return !req.headers.get('origin');
  const host = requestHost(req);
  try {
    return !!host && new URL(source).host === host;
  } catch {
    return false;
  }
}
