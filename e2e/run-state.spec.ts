import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/** What the console says about a container: failure is not success, and a reload finds the live run. */

async function typeDockerfile(lesson: LessonPage, lines: string[]) {
  await lesson.clearDockerfileByKeyboard();
  for (const [i, line] of lines.entries()) {
    if (i > 0) await lesson.page.keyboard.press('Enter');
    await lesson.typeSlowly(line);
  }
  await expect.poll(() => lesson.file('Dockerfile')).toBe(lines.join('\n'));
}

test('a container that exits non-zero gets a failure badge, not a green one', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await typeDockerfile(lesson, ['FROM busybox:latest', 'CMD exit 3']);
  await lesson.build();
  expect(await lesson.buildFinished()).toBe('succeeded');
  await lesson.run();
  await lesson.runFinished();
  const badge = lesson.runOutput.getByTestId('job-badge');
  await expect(badge).toHaveAttribute('data-state', 'failed');
  await expect(badge).toContainText('exited 3');
});

test('a reload during a run opens the console on the live run', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await typeDockerfile(lesson, ['FROM busybox:latest', 'CMD sleep 120']);
  await lesson.build();
  expect(await lesson.buildFinished()).toBe('succeeded');
  await lesson.run();
  await expect(lesson.runOutput).toHaveAttribute('data-phase', 'running', { timeout: 60_000 });

  await page.reload();
  await lesson.editorReady();
  await expect(page.getByRole('tab', { name: 'Run', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(lesson.runOutput).toHaveAttribute('data-phase', 'running');

  await page.getByTestId('stop-button').click();
  await expect(lesson.runOutput).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
});
