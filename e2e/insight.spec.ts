import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/** Three of the coach's rules broken, one each: relative WORKDIR, pip's cache kept, shell-form CMD. */
const THREE_PROBLEMS = [
  'FROM python:3.13-slim',
  'WORKDIR app',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'COPY . .',
  'USER nobody',
  'CMD python app.py',
  '',
].join('\n');

test('the coach marks problems as you type, fixes one from the lightbulb menu, and explains a rule', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.setFile('Dockerfile', THREE_PROBLEMS);

  await expect.poll(() => lesson.coachRules(), { timeout: 15_000 }).toEqual(['workdir-absolute', 'pip-no-cache-dir', 'prefer-exec-form']);
  expect((await lesson.markers('Dockerfile', 'coach')).map((m) => m.line)).toEqual([2, 4, 7]);
  // The server's own markers (failed builds, refusals) are a separate set, still empty.
  expect(await lesson.markers()).toEqual([]);
  await expect(lesson.coach.getByTestId('coach-count-warning')).toHaveText('3 warnings');

  // Ctrl+. on the pip line opens the quick fixes; the preferred one is first.
  await lesson.clickLineWith(/pip\s+install/);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget').filter({ hasText: 'Add --no-cache-dir' });
  await expect(menu).toBeVisible();
  await menu.getByText('Add --no-cache-dir').click();

  await expect.poll(() => lesson.file('Dockerfile')).toContain('RUN pip install --no-cache-dir -r requirements.txt');
  await expect.poll(() => lesson.coachRules()).toEqual(['workdir-absolute', 'prefer-exec-form']);
  await expect(lesson.coach.getByTestId('coach-count-warning')).toHaveText('2 warnings');

  // The list under the editor: a row shows its line, a rule id opens the rule's explanation.
  await lesson.coach.getByRole('button', { name: /Coach/ }).click();
  await lesson.coach.getByRole('button', { name: 'workdir-absolute' }).click();
  await expect(page.getByRole('dialog', { name: 'Relative WORKDIR' })).toBeVisible();
  await expect(lesson.ruleDoc).toContainText('WORKDIR /app');
  await page.keyboard.press('Escape');
  await expect(lesson.ruleDoc).toBeHidden();

  // Completion knows the instructions, with their syntax.
  await lesson.clickLineWith(/USER\s+nobody/);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('HEALTH');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toContainText('HEALTHCHECK');
  await page.keyboard.press('Escape');
  // Typing on while the coach re-lints loses no keystroke (its re-renders must not write stale text back).
  await page.keyboard.type('CHECK --interval=5s --retries=2 CMD python -c "print(1)"');
  await expect
    .poll(() => lesson.file('Dockerfile'))
    .toContain('\nHEALTHCHECK --interval=5s --retries=2 CMD python -c "print(1)"\nCMD python app.py\n');
});

test('after a build, the layer inspector lists each layer with its size and the build timeline', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.setFile('Dockerfile', THREE_PROBLEMS);
  await lesson.build();
  expect(await lesson.buildFinished()).toBe('succeeded');

  await lesson.showConsoleTab('Layers');
  const layers = lesson.layersPanel.getByTestId('layer');
  // One layer per step after FROM: WORKDIR, COPY, RUN, COPY, USER, CMD.
  await expect(layers).toHaveCount(6);
  await expect(layers.nth(2)).toContainText('RUN pip install -r requirements.txt');
  for (const size of await layers.getByTestId('layer-size').allTextContents()) expect(size).toMatch(/^\d+(\.\d)? (B|KB|MB|GB)$/);
  // Copying files adds bytes; USER and CMD only change metadata.
  expect(Number(await layers.nth(1).getAttribute('data-size'))).toBeGreaterThan(0);
  expect(Number(await layers.nth(5).getAttribute('data-size'))).toBe(0);

  // The base image is one row, folded.
  await expect(lesson.layersPanel.getByTestId('layer-base')).toContainText(/python:3\.13-slim base · \d+ layers?/);
  await expect(lesson.layersPanel.getByTestId('layers-total')).toContainText(/\d+(\.\d)? MB in total/);

  // The timeline has a bar per step BuildKit ran (FROM, WORKDIR, COPY, RUN, COPY); USER and CMD only set metadata.
  await expect(lesson.layersPanel.getByTestId('timeline').locator('li')).toHaveCount(5);
});

test('a lesson that switches a coach rule off (lesson 1: runs as root) does not show it; the next lesson does', async ({ page }) => {
  const lesson = new LessonPage(page);
  const typeRootDockerfile = async () => {
    await lesson.clearDockerfileByKeyboard();
    await lesson.typeSlowly('FROM python:3.13-slim\nWORKDIR app');
  };

  await lesson.goto(); // lesson 1: coach.off [avoid-root-user]
  await typeRootDockerfile();
  // The relative WORKDIR shows the coach has looked at the text; the missing USER is not mentioned.
  await expect.poll(() => lesson.coachRules(), { timeout: 15_000 }).toEqual(['workdir-absolute']);

  await lesson.goto('layers-and-the-build-cache');
  await typeRootDockerfile();
  await expect.poll(() => lesson.coachRules(), { timeout: 15_000 }).toEqual(['avoid-root-user', 'workdir-absolute']);
});
