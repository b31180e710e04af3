import { chromium, type Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import type { BenchContext } from '../context';
import { SEED_LESSON } from '../lesson';
import { fmtKB, fmtMs, info, target, type Row, type SectionResult } from '../report';
import { median, round } from '../stats';

/**
 * 5. Page weight: first-load JS of the course and lesson pages (the /_next/static
 * scripts the HTML names, gzipped with zlib, Monaco excluded: it loads later from
 * /monaco/<version>/vs), the Monaco payload the browser then fetches, and the time until
 * the editor takes input, in headless Chromium.
 */

const S = 'page weight';
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/** Script URLs an HTML page makes the browser load at once: <script src> and <link rel=preload|modulepreload as=script>. */
function firstLoadScripts(html: string): string[] {
  const urls = new Set<string>();
  // noModule scripts (polyfills) are skipped by every browser that runs modules.
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (!/\bnoModule\b/i.test(m[0])) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (!/rel="(preload|modulepreload)"/.test(tag) || (/rel="preload"/.test(tag) && !/as="script"/.test(tag))) continue;
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href) urls.add(href);
  }
  return [...urls].map((u) => u.replace(/&amp;/g, '&')).filter((u) => u.startsWith('/_next/static/') && /\.js(\?|$)/.test(u));
}

async function firstLoadJs(base: string, page: string) {
  const html = await (await fetch(base + page)).text();
  const scripts = firstLoadScripts(html);
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(base + src)).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { page, scripts: scripts.length, rawBytes: raw, gzipBytes: gzip };
}

/**
 * One visit: what loads, and when the editor first takes a keystroke. Cold: a fresh
 * context (empty cache). Warm: the same lesson visited once before in that context
 * (the learner's second lesson, or a reload), then measured.
 */
async function visit(browser: Browser, base: string, warm = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (warm) {
    await page.goto(`${base}/lessons/${SEED_LESSON}`);
    await page.locator('.monaco-editor .view-lines').waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await page.goto('about:blank');
  }
  const responses: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.origin !== base || !/\.(js|css|ttf|json)$/.test(url.pathname)) return;
    responses.push(
      res
        .body()
        .then((b) => ({ url: url.pathname, raw: b.length, gzip: gzipSync(b).length }))
        .catch(() => ({ url: url.pathname, raw: 0, gzip: 0 })),
    );
  });
  await page.goto(`${base}/lessons/${SEED_LESSON}`, { waitUntil: 'commit' });
  const lines = page.locator('.monaco-editor .view-lines');
  await lines.waitFor({ state: 'visible', timeout: 60_000 });
  const shown = () => page.evaluate(() => document.querySelector('.monaco-editor .view-lines')?.textContent ?? '');
  let inputMs = NaN;
  for (let i = 0; i < 200 && !Number.isFinite(inputMs); i++) {
    await lines.click({ timeout: 5000 });
    const before = await shown();
    await page.keyboard.type('z');
    // Monaco 0.57 in Chromium takes keys through an EditContext div (.native-edit-context), elsewhere a textarea.
    const focused = await page.evaluate(
      () => !!document.activeElement?.closest('.monaco-editor') && /^(TEXTAREA|DIV)$/.test(document.activeElement!.tagName),
    );
    const ok = focused && (await shown()) !== before;
    // Time from navigation start (the page's time origin) to a keystroke that landed.
    if (ok) inputMs = await page.evaluate(() => performance.now());
    else await page.waitForTimeout(20);
  }
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  const loaded = await Promise.all(responses);
  await context.close();
  const monaco = loaded.filter((r) => r.url.startsWith('/monaco/'));
  const next = loaded.filter((r) => r.url.startsWith('/_next/static/') && r.url.endsWith('.js'));
  const sum = (xs: typeof loaded, k: 'raw' | 'gzip') => xs.reduce((a, r) => a + r[k], 0);
  return {
    inputMs,
    monaco: { files: monaco.length, rawBytes: sum(monaco, 'raw'), gzipBytes: sum(monaco, 'gzip'), urls: monaco.map((r) => r.url) },
    nextJsLoaded: { files: next.length, rawBytes: sum(next, 'raw'), gzipBytes: sum(next, 'gzip') },
  };
}

export async function pageWeight(ctx: BenchContext): Promise<SectionResult> {
  const base = ctx.server.base;
  const home = await firstLoadJs(base, '/');
  const lesson = await firstLoadJs(base, `/lessons/${SEED_LESSON}`);
  const browser = await chromium.launch(LAUNCH);
  const visits = [];
  const warmVisits = [];
  try {
    const n = ctx.quick ? 3 : 5;
    for (let i = 0; i < n; i++) visits.push(await visit(browser, base));
    for (let i = 0; i < n; i++) warmVisits.push(await visit(browser, base, true));
  } finally {
    await browser.close();
  }
  const input = visits.map((v) => v.inputMs);
  const warmInput = warmVisits.map((v) => v.inputMs);
  const last = visits.at(-1)!;
  ctx.log(`page weight: editor input after ${input.map((x) => fmtMs(x)).join(', ')}`);
  const rows: Row[] = [
    info(S, `first-load JS of / (${home.scripts} scripts, gzip)`, fmtKB(home.gzipBytes)),
    target(S, `first-load JS of lesson page (${lesson.scripts} scripts, gzip, no Monaco)`, lesson.gzipBytes, 250_000, fmtKB),
    info(S, 'all /_next JS the lesson page loads (gzip)', `${fmtKB(last.nextJsLoaded.gzipBytes)} (${last.nextJsLoaded.files} files)`),
    info(
      S,
      'Monaco payload from /monaco/<version>/vs (gzip / raw)',
      `${fmtKB(last.monaco.gzipBytes)} / ${fmtKB(last.monaco.rawBytes)} (${last.monaco.files} files)`,
    ),
    info(S, `navigation → editor takes input (median of ${input.length}, cold cache)`, fmtMs(median(input))),
    target(S, `navigation → editor takes input (median of ${warmInput.length}, warm cache)`, median(warmInput), 1000, fmtMs),
  ];
  return {
    rows,
    figures: {
      home,
      lesson,
      editorInputMs: { median: round(median(input)), all: input.map((x) => round(x)) },
      editorInputWarmMs: { median: round(median(warmInput)), all: warmInput.map((x) => round(x)) },
      monaco: last.monaco,
      nextJsLoaded: last.nextJsLoaded,
    },
  };
}
