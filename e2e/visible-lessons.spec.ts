import { expect, test } from '@playwright/test';
import { CoursePage } from './pages/course-page';
import { InstructorDashboard } from './pages/instructor-dashboard';
import { InstructorLoginPage } from './pages/instructor-login';

const LESSON_2 = 'Layers and the Build Cache';

/**
 * The instructor hides and opens a lesson; the learner's course page and the
 * lesson's own page follow without a reload (the /api/me/events stream).
 */
test("hiding and opening a lesson reaches the learner's course and lesson pages live", async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const learnerContext = await browser.newContext();
  try {
    const instructor = await instructorContext.newPage();
    await new InstructorLoginPage(instructor).signIn();
    await new InstructorDashboard(instructor).createClass(`Visible ${Date.now().toString(36)}`);

    const code = (await instructor.getByTestId('join-code').innerText()).trim();
    const coursePage = await learnerContext.newPage();
    await coursePage.goto(`/join/${code}`);
    await coursePage.getByLabel(/Your name/).fill('Kim');
    await coursePage.getByRole('button', { name: 'Join' }).click();
    await coursePage.waitForURL((url) => url.pathname === '/');
    const course = new CoursePage(coursePage);
    await course.goto();
    await expect(course.lessonCard(LESSON_2)).toBeVisible();
    const lessonPage = await learnerContext.newPage();
    await lessonPage.goto('/lessons/layers-and-the-build-cache');
    await expect(lessonPage.getByRole('heading', { level: 1, name: LESSON_2 })).toBeVisible();

    // The instructor unticks lesson 2 and applies.
    const lesson2Box = instructor.getByRole('checkbox', { name: new RegExp(LESSON_2) });
    await lesson2Box.click();
    const applied = instructor.waitForResponse((r) => r.request().method() === 'PATCH');
    await instructor.getByRole('button', { name: 'Apply lessons' }).click();
    expect((await applied).status()).toBe(200);

    await expect(course.lessonCard(LESSON_2)).toHaveCount(0);
    await expect(lessonPage.getByRole('heading', { level: 1, name: 'Not open yet' })).toBeVisible();

    // And opens it again.
    await lesson2Box.click();
    const reopened = instructor.waitForResponse((r) => r.request().method() === 'PATCH');
    await instructor.getByRole('button', { name: 'Apply lessons' }).click();
    expect((await reopened).status()).toBe(200);

    await expect(course.lessonCard(LESSON_2)).toBeVisible();
    await expect(lessonPage.getByRole('heading', { level: 1, name: LESSON_2 })).toBeVisible();
  } finally {
    await instructorContext.close();
    await learnerContext.close();
  }
});
