import { chromium, type Browser, type Page } from '@playwright/test';
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

declare global {
  interface Window {
    /** When the first key landed in either editor, and in Monaco (performance.now()), set by RECORD_KEYSTROKES. */
    __layerlabLanded?: { editor?: number; monaco?: number };
  }
}
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

type Point = { x: number; y: number };

/**
 * Installed in the measured page before its own scripts: for every keydown, the page's time when it
 * handled it, and whether that key changed the editor's text (the plain editor's, or Monaco's model) with
 * focus in it. The first such key is when the editor took input — in the page's own clock, so the
 * figure does not include this script's round trips to a busy page.
 */
// A string, not a function: tsx (esbuild, keepNames) would wrap the function's inner helpers in
// __name() calls, which do not exist in the page.
const RECORD_KEYSTROKES = `(() => {
  const text = () =>
    (document.querySelector('#editor-host textarea.editor-plain')?.value ?? '') + '|' +
    (window.monaco?.editor.getEditors()[0]?.getValue() ?? '');
  const landed = {};
  window.__layerlabLanded = landed;
  window.addEventListener('keydown', () => {
    const at = performance.now();
    const before = text();
    const focus = document.activeElement;
    setTimeout(() => {
      if (text() === before || !focus?.closest('#editor-host')) return;
      landed.editor ??= at;
      if (focus.closest('.monaco-editor')) landed.monaco ??= at;
    });
  }, { capture: true });
})();`;

/**
 * Clicks into the editor's box and types, over and over, as an impatient person does (raw mouse and key
 * events, without Playwright's actionability checks and round trips, which wait behind the busy page's
 * tasks while input does not), until a key lands in `which` editor; returns when the page handled that
 * key (ms from navigation start, the page's clock).
 */
async function firstKeystroke(page: Page, at: Point, which: 'editor' | 'monaco'): Promise<number> {
  let landed = false;
  const typing = (async () => {
    while (!landed) {
      await page.mouse.click(at.x, at.y);
      await page.keyboard.type('~');
    }
  })();
  try {
    const handle = await page.waitForFunction((w) => window.__layerlabLanded?.[w], which, { timeout: 60_000 });
    return (await handle.jsonValue()) ?? NaN;
  } finally {
    landed = true;
    await typing;
  }
}

/** Where a person clicks to type: inside the editor's box at 1280×720 (the same on every visit). */
async function editorPoint(browser: Browser, base: string): Promise<Point> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/lessons/${SEED_LESSON}`);
    await page.locator('.monaco-editor .view-lines').waitFor({ state: 'visible', timeout: 60_000 });
    const box = await page.locator('#editor-host').boundingBox();
    if (!box) throw new Error('page weight: the editor has no box');
    return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 60) };
  } finally {
    await context.close();
  }
}

/**
 * One visit: what loads, and when the editor first takes a keystroke. Cold: a fresh
 * context (empty cache). Warm: the same lesson visited once before in that context
 * (the learner's second lesson, or a reload), then measured.
 */
async function visit(browser: Browser, base: string, at: Point, warm = false) {
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
  await page.addInitScript(RECORD_KEYSTROKES);
  await page.goto(`${base}/lessons/${SEED_LESSON}`, { waitUntil: 'commit' });
  // The plain editor (a text area, editable as soon as it is painted) first, then Monaco, which takes over.
  const inputMs = await firstKeystroke(page, at, 'editor');
  const monacoMs = await firstKeystroke(page, at, 'monaco');
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  const loaded = await Promise.all(responses);
  await context.close();
  const monaco = loaded.filter((r) => r.url.startsWith('/monaco/'));
  const next = loaded.filter((r) => r.url.startsWith('/_next/static/') && r.url.endsWith('.js'));
  const sum = (xs: typeof loaded, k: 'raw' | 'gzip') => xs.reduce((a, r) => a + r[k], 0);
  return {
    inputMs,
    monacoMs,
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
    const at = await editorPoint(browser, base);
    for (let i = 0; i < n; i++) visits.push(await visit(browser, base, at));
    for (let i = 0; i < n; i++) warmVisits.push(await visit(browser, base, at, true));
  } finally {
    await browser.close();
  }
  const input = visits.map((v) => v.inputMs);
  const warmInput = warmVisits.map((v) => v.inputMs);
  const monacoInput = visits.map((v) => v.monacoMs);
  const warmMonaco = warmVisits.map((v) => v.monacoMs);
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
    info(S, 'navigation → Monaco has taken over (cold / warm, medians)', `${fmtMs(median(monacoInput))} / ${fmtMs(median(warmMonaco))}`),
  ];
  return {
    rows,
    figures: {
      home,
      lesson,
      editorInputMs: { median: round(median(input)), all: input.map((x) => round(x)) },
      editorInputWarmMs: { median: round(median(warmInput)), all: warmInput.map((x) => round(x)) },
      monacoInputMs: { median: round(median(monacoInput)), all: monacoInput.map((x) => round(x)) },
      monacoInputWarmMs: { median: round(median(warmMonaco)), all: warmMonaco.map((x) => round(x)) },
      monaco: last.monaco,
      nextJsLoaded: last.nextJsLoaded,
    },
  };
}
