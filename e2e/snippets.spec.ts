import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

const LESSON_2 = 'layers-and-the-build-cache';

test('"Open in editor" on a fragment previews where it goes, inserts only those lines, and Undo puts the file back', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON_2);
  const before = await lesson.file('Dockerfile');
  expect(before).toContain('COPY . .');

  // Lesson 2, "The fix": three lines from the middle of a Dockerfile.
  await lesson.codeBlock('dockerfile', 'COPY requirements.txt .').getByRole('button', { name: 'Open in editor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert these lines into your Dockerfile?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('snippet-preview').locator('[data-type="added"]').first()).toHaveText('+ COPY requirements.txt .');
  await dialog.getByRole('button', { name: 'Insert' }).click();

  const after = (await lesson.file('Dockerfile'))!;
  expect(after).toMatch(/^FROM python:3\.13-slim\n/);
  expect(after).toContain('COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .');
  expect(after).toContain('CMD ["python", "./app.py"]');
  expect(after.match(/RUN pip install/g)).toHaveLength(1);

  await expect(page.getByTestId('undo-bar')).toContainText('at line');
  await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => lesson.file('Dockerfile')).toBe(before);
  await expect(page.getByTestId('undo-bar')).toHaveCount(0);
});

test('cancelling the preview leaves the Dockerfile untouched', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(LESSON_2);
  const before = await lesson.file('Dockerfile');
  await lesson.codeBlock('dockerfile', 'COPY requirements.txt .').getByRole('button', { name: 'Open in editor' }).click();
  await page.getByRole('dialog', { name: 'Insert these lines into your Dockerfile?' }).getByRole('button', { name: 'Cancel' }).click();
  expect(await lesson.file('Dockerfile')).toBe(before);
});
