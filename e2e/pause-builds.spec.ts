import { expect, test } from '@playwright/test';
import { InstructorDashboard } from './pages/instructor-dashboard';
import { InstructorLoginPage } from './pages/instructor-login';
import { LessonPage } from './pages/lesson-page';

/**
 * "Pause builds" as an instructor uses it (type a reason, tick the box): one request per action,
 * the box shows what the server holds, and a learner's Build button follows within moments, no reload.
 */
test('pausing and unpausing reaches the learner live, one request per click', async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const learnerContext = await browser.newContext();
  try {
    const instructor = await instructorContext.newPage();
    await new InstructorLoginPage(instructor).signIn();
    const code = await new InstructorDashboard(instructor).createClass(`Pause ${Date.now().toString(36)}`);

    const learnerPage = await learnerContext.newPage();
    await learnerPage.goto(`/join/${code}`);
    await learnerPage.getByLabel(/Your name/).fill('Pat');
    await learnerPage.getByRole('button', { name: 'Join' }).click();
    await learnerPage.waitForURL((url) => url.pathname === '/');
    const lesson = new LessonPage(learnerPage);
    await lesson.goto();
    await expect(lesson.buildButton).toBeEnabled();

    const patches: string[] = [];
    instructor.on('request', (r) => r.method() === 'PATCH' && patches.push(r.postData() ?? ''));

    // Type a reason, then tick the box: exactly one request carries both.
    await instructor.getByLabel('Reason for pausing builds').click();
    await instructor.keyboard.type('Eyes on the projector', { delay: 30 });
    const pause = instructor.getByRole('checkbox', { name: 'Pause builds' });
    const answered = instructor.waitForResponse((r) => r.request().method() === 'PATCH');
    await pause.click();
    expect((await answered).status()).toBe(200);
    await expect(pause).toBeChecked();
    expect(patches.map((p) => JSON.parse(p))).toEqual([{ buildsPaused: true, pauseReason: 'Eyes on the projector' }]);

    // The learner's page learns it without a reload or a click.
    await expect(lesson.buildButton).toBeDisabled();
    await expect(learnerPage.getByText('Your instructor paused builds: Eyes on the projector')).toBeVisible();

    const unpaused = instructor.waitForResponse((r) => r.request().method() === 'PATCH');
    await pause.click();
    await unpaused;
    await expect(pause).not.toBeChecked();
    expect(patches).toHaveLength(2);
    await expect(lesson.buildButton).toBeEnabled();
  } finally {
    await instructorContext.close();
    await learnerContext.close();
  }
});
