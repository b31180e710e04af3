/**
 * The one cookie reader of the server (proxy, route handlers, pages). A name
 * sent more than once (a cookie set for a parent domain or a narrower path
 * beside ours: "cookie tossing") is read as absent everywhere, so the proxy
 * and the routes can never pick different copies; the proxy then issues a
 * fresh session.
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let found: string | undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    if (found !== undefined) return undefined;
    const raw = part.slice(eq + 1).trim();
    try {
      found = decodeURIComponent(raw);
    } catch {
      found = raw;
    }
  }
  return found;
}
