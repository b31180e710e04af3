import { expect, test } from '@playwright/test';
import { fixtureURL } from './fixture-course';
import { CoursePage } from './pages/course-page';

// Served by a second server whose course is server/lessons/fixtures/course: one good lesson and five broken ones.
test.skip(!fixtureURL, 'needs the fixture-course server (E2E_FIXTURE_URL)');
test.use({ baseURL: fixtureURL });

test('the course lists the valid lesson and names the broken ones with file, field and line', async ({ page }) => {
  const course = new CoursePage(page);
  await course.goto();
  await expect(page.locator('.lesson-list > li')).toHaveCount(1);
  await expect(course.lessonCard('Good')).toBeVisible();

  const notice = course.brokenLessons();
  await expect(notice).toContainText('5 lessons could not be loaded');
  await notice.getByText('Show the details').click();
  await expect(notice).toContainText('02-broken-frontmatter/lesson.md:8');
  await expect(notice).toContainText('checks[0].instructoin');
  await expect(notice).toContainText('unknown field');
  await expect(notice).toContainText('identical to the starter');
});

test('a broken lesson’s page says what is wrong and where, instead of crashing', async ({ page }) => {
  const response = await page.goto('/lessons/broken-frontmatter');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This lesson cannot be shown');
  const problems = page.getByTestId('lesson-problems');
  await expect(problems).toContainText('server/lessons/fixtures/course/02-broken-frontmatter/lesson.md:8');
  await expect(problems).toContainText('checks[0].instructoin');
  await expect(problems).toContainText('checks[0].instruction');
  await expect(page.getByRole('link', { name: 'Back to the course' })).toBeVisible();

  // The good lesson of the same course still works.
  await page.goto('/lessons/good');
  await expect(page.locator('#lesson-title')).toHaveText('Good');
});
