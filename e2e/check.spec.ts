import { expect, test } from '@playwright/test';
import { CoursePage } from './pages/course-page';
import { LessonPage, SEED_TITLE } from './pages/lesson-page';

const SEED_GOALS = [
  'from-python-slim',
  'workdir',
  'copy-source',
  'install-requirements',
  'env-name',
  'env-key-value',
  'cmd-exec-form',
  'says-hello',
  'env-override',
];

// Each test gets a fresh browser context, hence a new learner with no progress.

test('a learner completes lesson 1 with “Check my work” and sees it done on the course page', async ({ page }) => {
  const course = new CoursePage(page);
  await course.goto();
  await expect(course.lessonCard(SEED_TITLE)).toContainText('Not started');
  await course.openLesson(SEED_TITLE);

  const lesson = new LessonPage(page);
  await lesson.editorReady();
  await lesson.useSolutionDockerfile();
  // No build yet: checking builds first (streamed in the Build tab, which a cached build may
  // leave again before we look), then comes back to the goals, every one passed.
  await lesson.checkMyWork();
  const results = await lesson.checkFinished();
  expect(results).toEqual(Object.fromEntries(SEED_GOALS.map((id) => [id, 'passed'])));
  await lesson.showConsoleTab('Build');
  await expect(lesson.buildOutput.locator('.job-title')).toHaveText('docker build -t my-python-app .');
  expect(await lesson.buildFinished()).toBe('succeeded');
  await lesson.showConsoleTab('Check my work');
  await expect(lesson.lessonComplete).toContainText('Lesson complete');
  await expect(lesson.lessonComplete.getByRole('link', { name: /^Next: / })).toHaveAttribute('href', /^\/lessons\/[a-z0-9-]+$/);

  // Checking again with unchanged files reuses that build instead of building again.
  const buildId = await lesson.buildOutput.getAttribute('data-job-id');
  expect(buildId).toMatch(/^b_/);
  await lesson.checkMyWork();
  await lesson.checkFinished();
  await expect(lesson.lessonComplete).toBeVisible();
  expect(await lesson.buildOutput.getAttribute('data-job-id')).toBe(buildId);

  await course.goto();
  await expect(course.lessonCard(SEED_TITLE)).toContainText('Done');
});

test('a failing check shows which goals are missing, with hints, and the solution on request', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  // The starter Dockerfile only has FROM: it builds, but most goals are not met yet.
  await lesson.checkMyWork();
  const results = await lesson.checkFinished();
  expect(results['from-python-slim']).toBe('passed');
  expect(results['workdir']).toBe('failed');
  expect(Object.values(results).filter((s) => s === 'failed').length).toBeGreaterThan(1);
  await expect(lesson.goal('workdir').getByTestId('goal-hint')).toContainText('WORKDIR');
  await expect(lesson.lessonComplete).toHaveCount(0);

  // The lesson's own hints come one at a time.
  await lesson.checkPanel.getByTestId('hint-button').click();
  await expect(lesson.checkPanel).toContainText('Hint 1');

  // The solution, after confirming, as a diff against the learner's files; then replacing them.
  const diff = await lesson.showSolution();
  await expect(diff.getByRole('heading', { name: 'Solution' })).toBeVisible();
  await expect(diff.getByLabel('Differences in Dockerfile')).toContainText('WORKDIR /usr/src/app');
  await lesson.useSolution();
  expect(await lesson.file('Dockerfile')).toContain('WORKDIR /usr/src/app');
  await expect(diff).toContainText('Your files match the solution');
});
