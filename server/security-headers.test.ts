import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NextConfig } from 'next';
import { IMMUTABLE, monacoVersion, monacoVsPath } from './monaco-assets.mjs';
import { contentSecurityPolicy, securityHeaders } from './security-headers.mjs';

/**
 * The security headers: sent for every path by next.config.js, and the same in
 * deploy/nginx.conf. Checked by membership, so other path-specific rules
 * (cache headers, say) may sit beside them. The real server sends them:
 * e2e/security.spec.ts.
 */

const production = securityHeaders(false);
const configFile: string = '../next.config.js';
const nextConfig = (await import(configFile)).default as NextConfig;

describe('security headers', () => {
  it('CSP: no eval, no framing, nothing from another origin', () => {
    const csp = contentSecurityPolicy(false);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(contentSecurityPolicy(true)).toContain("'unsafe-eval'"); // next dev only
  });

  it('next.config.js sends each of them on every path', async () => {
    const rules = await nextConfig.headers!();
    const everywhere = rules.find((r) => r.source === '/:path*');
    expect(everywhere).toBeDefined();
    for (const h of production) expect(everywhere!.headers).toContainEqual(h);
    expect(production.map((h) => h.key)).toEqual(
      expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']),
    );
  });

  it("Monaco's files: a URL that names Monaco's version, cached for a year as immutable, security headers still on", async () => {
    expect(monacoVsPath()).toBe(`/monaco/${monacoVersion()}/vs`);
    expect(nextConfig.env?.LAYERLAB_MONACO_VS).toBe(monacoVsPath());
    const rules = await nextConfig.headers!();
    const monaco = rules.find((r) => r.source === '/monaco/:version/vs/:path*');
    expect(monaco?.headers).toContainEqual({ key: 'Cache-Control', value: IMMUTABLE });
    expect(IMMUTABLE).toMatch(/max-age=31536000.*immutable/);
    // Only the versioned folder is cached for good; everything else keeps Next's own caching.
    expect(rules.filter((r) => r.headers.some((h) => h.key === 'Cache-Control')).map((r) => r.source)).toEqual([
      '/monaco/:version/vs/:path*',
    ]);
    expect(fs.existsSync(new URL(`../public${monacoVsPath()}/loader.js`, import.meta.url))).toBe(true);
  });

  it('deploy/nginx.conf sends the same values and hides the app copies (each header once)', () => {
    const conf = fs.readFileSync(new URL('../deploy/nginx.conf', import.meta.url), 'utf8');
    for (const { key, value } of production) {
      expect(conf).toContain(`add_header ${key} "${value}" always;`);
      expect(conf).toContain(`proxy_hide_header ${key};`);
    }
    expect(conf).toMatch(/add_header Strict-Transport-Security "max-age=\d+" always;/);
  });
});
