// Security headers for every response, read by next.config.js (plain JS: Next
// loads its config before any TypeScript) and mirrored in deploy/nginx.conf,
// which server/security-headers.test.ts keeps consistent.

/**
 * Monaco needs no 'unsafe-eval': its worker loader probes eval and falls back
 * to importScripts. Next's App Router inlines its hydration data as inline
 * scripts, hence 'unsafe-inline' for scripts (no nonce without dynamic
 * rendering of every page); Monaco injects its styles at runtime, hence
 * 'unsafe-inline' for styles. Everything is same-origin: no CDN, no third party.
 * `next dev` evaluates code for fast refresh, so development adds 'unsafe-eval'.
 */
export function contentSecurityPolicy(dev = false) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** @returns {{ key: string, value: string }[]} */
export function securityHeaders(dev = false) {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(dev) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), usb=(), payment=(), browsing-topics=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}
