import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/**
 * "▶ Run this" runs every docker line of a lesson block, in order (issue: it
 * used to run only the first of two `docker run` lines, silently).
 */

const SOLUTION = `FROM python:3.13-slim
WORKDIR /usr/src/app
COPY greet.py .
ENTRYPOINT ["python", "greet.py"]
CMD ["World"]
`;

test('"Run this" on a block of two docker run lines runs both, the second after the first', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto('cmd-vs-entrypoint');
  await lesson.setFile('Dockerfile', SOLUTION);
  await page.getByLabel('Image tag').fill('greeter');
  await lesson.build();
  expect(await lesson.buildFinished()).toBe('succeeded');

  const block = page
    .locator('.codeblock[data-lang="bash"]')
    .filter({ hasText: 'docker run greeter Ada Grace' })
    .filter({ hasNotText: 'docker build' });
  await expect(block.getByRole('button', { name: /Run this/ })).toHaveAttribute('title', /these 2 commands, in order/);
  await block.getByRole('button', { name: /Run this/ }).click();
  // The console ends on the second line's run: its title and its output.
  await expect(lesson.runOutput).toContainText('docker run greeter Ada Grace', { timeout: 120_000 });
  await expect(lesson.runOutput.locator('.log')).toContainText('Hello Ada', { timeout: 120_000 });
  await expect(lesson.runOutput.locator('.log')).toContainText('Hello Grace');
  expect(await lesson.runFinished()).toBe('succeeded');
});
