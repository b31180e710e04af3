import { expect, test, type Request } from '@playwright/test';
import { CoursePage } from './pages/course-page';
import { LessonPage, SEED_SLUG, SEED_TITLE } from './pages/lesson-page';
import { TerminalPanel } from './pages/terminal-panel';

const SOLUTION_DOCKERFILE_START = '# Start from an official image that already has Python.';

test('the seed lesson: open the example, build, run, and find it all again after a reload', async ({ page, baseURL }) => {
  // Everything the page loads (Monaco included) must come from our own server: no CDN, no trackers.
  const foreign: string[] = [];
  page.on('request', (r: Request) => {
    const url = r.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });

  const course = new CoursePage(page);
  await course.goto();
  await expect(course.lessonCard(SEED_TITLE)).toContainText('Not started');
  await course.openLesson(SEED_TITLE);

  const lesson = new LessonPage(page);
  await lesson.editorReady();
  // The debounced autosave of these files: the reload below waits for it, not for a time.
  const saved = page.waitForResponse(
    (r) =>
      r.request().method() === 'PUT' &&
      r.url().includes('/api/workspaces/') &&
      (r.request().postData() ?? '').includes(SOLUTION_DOCKERFILE_START),
  );
  await lesson.useSolutionDockerfile();
  expect(await lesson.file('Dockerfile')).toContain(SOLUTION_DOCKERFILE_START);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Start from an official image');

  await lesson.build();
  expect(await lesson.buildFinished()).toBe('succeeded');
  // BuildKit's steps (ENV and CMD make none) and its plain progress, as `docker build` prints them.
  await expect(lesson.buildOutput.locator('.steps')).toContainText('[1/4]');
  await expect(lesson.buildOutput.locator('.steps')).toContainText('COPY . .');
  await expect(lesson.buildOutput.locator('.log')).toContainText(/#\d+ \[3\/4\] COPY \. \./);
  await expect(lesson.buildOutput.locator('.log')).toContainText(/#\d+ DONE \d+\.\ds/);
  await expect(lesson.buildOutput.locator('.log')).toContainText('naming to docker.io/library/');
  await expect(lesson.buildOutput.getByTestId('job-badge')).toContainText('Succeeded');

  await lesson.run();
  expect(await lesson.runFinished()).toBe('succeeded');
  await expect(lesson.runOutput.locator('.log')).toContainText('Hello World');

  // Once the save has answered, reload: files, tag and both logs come back.
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await lesson.editorReady();
  expect(await lesson.file('Dockerfile')).toContain(SOLUTION_DOCKERFILE_START);
  await expect(page.getByLabel('Image tag')).toHaveValue('my-python-app');
  await expect(lesson.buildOutput.locator('.log')).toContainText(/naming to docker\.io\/library\/\S+ done/);
  await expect(lesson.buildOutput.getByTestId('job-badge')).toContainText('Succeeded');
  await lesson.showConsoleTab('Run');
  await expect(lesson.runOutput.locator('.log')).toContainText('Hello World');

  await course.goto();
  await expect(course.lessonCard(SEED_TITLE)).toContainText(/In progress|Done/);

  expect(foreign, 'requests to other hosts').toEqual([]);
});

test('a broken Dockerfile fails and the editor marks the failing line', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.setFile('Dockerfile', 'FROM python:3.13-slim\nRUNN echo hi\nCMD ["python", "./app.py"]\n');
  await lesson.build();
  expect(['failed', 'refused']).toContain(await lesson.buildFinished());

  await expect.poll(() => lesson.markers(), { timeout: 15_000 }).toEqual([expect.objectContaining({ line: 2 })]);
  // The squiggle is drawn on line 2 of the open Dockerfile.
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
  const squiggleTop = await page.locator('.monaco-editor .squiggly-error').evaluate((el) => el.getBoundingClientRect().top);
  const line2Top = await page.locator('.monaco-editor .line-numbers', { hasText: /^2$/ }).evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(squiggleTop - line2Top)).toBeLessThan(4);
  await expect(lesson.buildOutput).toContainText(/RUNN|unknown instruction/i);
});

test('keyboard: Ctrl+Enter builds and Ctrl+Shift+Enter runs, with the editor focused', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.setFile('Dockerfile', 'FROM busybox:latest\nCMD ["echo", "hello from the keyboard"]\n');
  await lesson.clickLineWith('FROM busybox');
  await page.keyboard.press('Control+Shift+Enter'); // nothing built yet: Run cannot start
  await page.keyboard.press('Control+Enter');
  expect(await lesson.buildFinished()).toBe('succeeded');
  await expect(lesson.runButton).toBeEnabled();
  await lesson.clickLineWith('FROM busybox');
  await page.keyboard.press('Control+Shift+Enter');
  expect(await lesson.runFinished()).toBe('succeeded');
  await expect(lesson.runOutput.locator('.log')).toHaveText('hello from the keyboard');
});

test('"Run this" on the lesson’s docker build block does what Build does', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.useSolutionDockerfile();
  await page.getByLabel('Image tag').fill('something-else');
  await lesson.runThis('docker build -t my-python-app .');

  expect(await lesson.buildFinished()).toBe('succeeded');
  await expect(lesson.buildOutput.locator('.job-title')).toHaveText('docker build -t my-python-app .');
  await expect(page.getByLabel('Image tag')).toHaveValue('my-python-app');
  await expect(lesson.buildOutput.locator('.log')).toContainText(/naming to docker\.io\/library\/\S+ done/);
  // The block's next line, `docker run my-python-app`, runs once the build succeeded.
  expect(await lesson.runFinished()).toBe('succeeded');
  await expect(lesson.runOutput.locator('.log')).toContainText('Hello World');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshot of the lesson page (${colorScheme})`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const lesson = new LessonPage(page);
    await lesson.goto(SEED_SLUG);
    await expect(page.locator('.monaco-editor')).toHaveClass(colorScheme === 'dark' ? /vs-dark/ : /\bvs\b/);
    const path = testInfo.outputPath(`lesson-${colorScheme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`lesson-${colorScheme}`, { path, contentType: 'image/png' });
    await context.close();
  });
}

test('a lesson page loads with nothing in red in the browser console, terminal included', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.editorReady();
  // The terminal asks once for a shell to re-attach to; having none is the usual answer, not an error.
  const terminal = new TerminalPanel(page);
  await terminal.ready();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
