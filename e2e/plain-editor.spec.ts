import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Route } from '@playwright/test';
import { labelFor, textareaHtml } from '@/components/workbench/plain-text-html';
import { LessonPage } from './pages/lesson-page';

/**
 * The editor takes input before Monaco has loaded: a plain text area shows the open file, and when
 * Monaco arrives it carries on with the same text, caret and focus, Ctrl+Z leading back to the start.
 * Monaco's files are held at the network until the test lets them through, so the order is certain.
 */

const starter = readFileSync(path.join(process.cwd(), 'lessons/01-building-your-first-docker-image/files/Dockerfile'), 'utf8');

test('typing before the page has even started its scripts is kept, and Monaco continues where the learner was', async ({ page }) => {
  // Hold the page's own scripts (so React has not hydrated) and Monaco's files until the learner has typed.
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/(_next\/static\/chunks|monaco)\/.*\.js/, (route) => (holding ? held.push(route) : route.continue()));
  const lesson = new LessonPage(page);
  await page.goto('/lessons/building-your-first-docker-image', { waitUntil: 'commit' });

  const plain = page.getByRole('textbox', { name: 'Editor: Dockerfile (plain text while the full editor loads)' });
  await expect(plain).toHaveValue(starter);
  await expect(plain).toBeEditable();
  await plain.click();
  await page.keyboard.press('ControlOrMeta+End');
  await lesson.typeSlowly('FROM python');
  await expect(plain).toHaveValue(`${starter}FROM python`);
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(page.locator('.monaco-editor')).toHaveCount(0);

  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await lesson.editorReady();
  await expect(plain).toHaveCount(0);
  await expect.poll(() => lesson.editorHasFocus()).toBe(true);

  // The caret is where the learner left it: typing goes on after "FROM python".
  await lesson.typeSlowly(':3.13-slim');
  await page.keyboard.press('Escape');
  await expect.poll(() => lesson.file('Dockerfile')).toBe(`${starter}FROM python:3.13-slim`);

  // Undo: first what was typed in Monaco, then, in one step, what was typed before it arrived.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => lesson.file('Dockerfile')).toBe(`${starter}FROM python`);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => lesson.file('Dockerfile')).toBe(starter);
});

test('typed after the page is live but before Monaco, in another file, is saved and shown by Monaco', async ({ page }) => {
  const held: Route[] = [];
  let holding = true;
  await page.route('**/monaco/**', (route) => (holding ? held.push(route) : route.continue()));
  const lesson = new LessonPage(page);
  await page.goto('/lessons/building-your-first-docker-image');
  // The explorer works before Monaco: open app.py (once React is live: a click before that does nothing) and type.
  const plain = page.getByRole('textbox', { name: 'Editor: app.py (plain text while the full editor loads)' });
  await expect(async () => {
    await lesson.treeRow('app.py').click();
    await expect(plain).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(plain).toHaveValue(/^import os/);
  await plain.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await lesson.typeSlowly('# hello\n');
  await expect(page.locator('.monaco-editor')).toHaveCount(0);

  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await lesson.editorReady();
  await expect.poll(() => lesson.file('app.py')).toMatch(/^# hello\nimport os/);
  await expect.poll(() => lesson.editorHasFocus()).toBe(true);
  // And the Dockerfile was not touched.
  await lesson.treeRow('Dockerfile').click();
  await expect.poll(() => lesson.file('Dockerfile')).toBe(starter);
});

test('the plain editor indents with Tab like the full one, and Escape then Tab leaves it', async ({ page }) => {
  await page.route('**/monaco/**', () => undefined); // Monaco never arrives: the plain editor stays.
  const lesson = new LessonPage(page);
  await page.goto('/lessons/building-your-first-docker-image');
  const plain = page.getByRole('textbox', { name: /plain text while the full editor loads/ });
  await expect(plain).toBeEditable();
  await plain.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Tab');
  await expect(plain).toHaveValue(`    ${starter}`);
  await expect(plain).toBeFocused();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(plain).not.toBeFocused();
  await expect(plain).toHaveValue(`    ${starter}`);
  await lesson.typeSlowly('x');
  await expect(plain).toHaveValue(`    ${starter}`);
});

// The markup is raw HTML (React leaves it alone, so typing before hydration survives): Chromium's own
// parser must give back exactly the file's text, never markup, whatever the learner wrote.
test.describe('the plain editor markup, as Chromium parses it', () => {
  const cases: [string, string][] = [
    ['a Dockerfile', 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n'],
    ['leading newlines (the parser drops one after <textarea>)', '\n\nFROM busybox'],
    ['markup in the file', '</textarea><img src=x onerror="alert(1)"><script>alert(2)</script>'],
    ['entities', 'RUN echo "&amp; &lt; &" > /tmp/x'],
    ['nothing', ''],
  ];
  for (const [name, content] of cases) {
    test(`keeps ${name} as text`, async ({ page }) => {
      await page.setContent(`<div id="host">${textareaHtml('src/"quoted" <b>.py', content)}</div>`);
      await expect(page.locator('#host > *')).toHaveCount(1);
      await expect(page.locator('img, script')).toHaveCount(0);
      await expect(page.locator('textarea')).toHaveValue(content);
      await expect(page.getByRole('textbox', { name: labelFor('src/"quoted" <b>.py'), exact: true })).toBeVisible();
    });
  }
});
