import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/** The editor as a keyboard user meets it: typing at a person's pace, Enter, Tab, Escape — no file set by script. */

test('Enter after FROM python:3.13-slim starts a new line, even with the suggestion list open', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.clearDockerfileByKeyboard();

  await lesson.typeSlowly('FROM python:3.13-slim');
  // The base-image list is open and its first entry is exactly what was typed.
  await expect(lesson.suggestions()).toBeVisible();
  await expect(lesson.suggestions().locator('.monaco-list-row.focused')).toContainText('python:3.13-slim');
  await page.keyboard.press('Enter');
  await lesson.typeSlowly('WORKDIR /usr/src/app');

  await expect.poll(() => lesson.file('Dockerfile')).toBe('FROM python:3.13-slim\nWORKDIR /usr/src/app');
});

test('Tab indents in the editor, Escape then Tab leaves it, and the page says so', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await expect(page.getByText('then Tab leaves the editor')).toBeVisible();
  await lesson.clearDockerfileByKeyboard();

  await lesson.typeSlowly('RUN a');
  // The coach's button, next after the editor, is disabled while the file has no findings: wait for
  // this file's findings, so the controls Tab moves between stay the same while we press it.
  await expect(lesson.coach.getByRole('button', { name: /Coach/ })).toBeEnabled();
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await expect.poll(() => lesson.file('Dockerfile')).toMatch(/^\s+RUN a$/);
  expect(await lesson.editorHasFocus()).toBe(true);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => lesson.editorHasFocus()).toBe(false);
  // The Tab moved focus, it did not indent again.
  expect(await lesson.file('Dockerfile')).toMatch(/^ {4}RUN a$|^\tRUN a$/);
  await expect(page.locator(':focus')).toBeVisible();

  // Shift+Tab returns to the editor; Escape, Shift+Tab leaves it backwards.
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => lesson.editorHasFocus()).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => lesson.editorHasFocus()).toBe(false);
});

test('with "Tab moves focus" on, Tab never indents', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  const toggle = page.getByRole('button', { name: 'Tab moves focus' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const before = await lesson.file('Dockerfile');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Tab');
  await expect.poll(() => lesson.editorHasFocus()).toBe(false);
  expect(await lesson.file('Dockerfile')).toBe(before);
  // Remembered for this browser: off again for the other tests' sake.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});

test('skip links reach the console and the lesson goals from the keyboard', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const skip = page.getByRole('button', { name: 'Skip to Check my work' });
  for (let i = 0; i < 15 && !(await skip.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  const checkTab = page.getByRole('tab', { name: 'Check my work', exact: true });
  await expect(checkTab).toHaveAttribute('aria-selected', 'true');
  await expect(checkTab).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(lesson.checkButton).toBeFocused();
});
