import { expect, test, type APIRequestContext } from '@playwright/test';
import { InstructorDashboard } from './pages/instructor-dashboard';
import { InstructorLoginPage } from './pages/instructor-login';

/**
 * A classroom, live: the instructor creates a class, a learner joins by its
 * code in another browser and completes lesson 1; the instructor's dashboard
 * turns the cell to done without a reload (SSE), the activity feed shows the
 * build, and the CSV export agrees.
 */

const LESSON = 'building-your-first-docker-image';

async function buildAndCheck(api: APIRequestContext) {
  const solution = await api.get(`/api/lessons/${LESSON}/solution`);
  expect(solution.ok()).toBe(true);
  const { files } = await solution.json();
  const created = await api.post('/api/builds', { data: { files, tag: 'my-python-app', lesson: LESSON } });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = await created.json();
  await expect
    .poll(async () => (await (await api.get(`/api/builds/${id}`)).json()).state, { timeout: 240_000, intervals: [1000] })
    .toBe('succeeded');
  const check = await api.post(`/api/lessons/${LESSON}/check`, { data: { buildId: id } });
  expect(check.status(), await check.text()).toBe(200);
  expect((await check.json()).allPassed).toBe(true);
}

test('a learner completes lesson 1 while the instructor watches the dashboard turn it done, live', async ({ browser }) => {
  const instructorContext = await browser.newContext();
  const learnerContext = await browser.newContext();
  try {
    const instructor = await instructorContext.newPage();
    await new InstructorLoginPage(instructor).signIn();
    const dashboard = new InstructorDashboard(instructor);
    const code = await dashboard.createClass(`E2E class ${Date.now().toString(36)}`);
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    // The learner joins in another browser; their row appears on the dashboard by itself.
    const learner = await learnerContext.newPage();
    const name = `Learner ${Date.now().toString(36).slice(-4)}`;
    await learner.goto(`/join/${code}`);
    await learner.getByLabel(/Your name/).fill(name);
    await learner.getByRole('button', { name: 'Join' }).click();
    await learner.waitForURL((url) => url.pathname === '/');
    const me = await (await learner.request.get('/api/me')).json();
    expect(me).toMatchObject({ class: { displayName: name }, buildsPaused: false });
    await expect(dashboard.cell(name, LESSON)).toHaveAttribute('data-state', 'not_started');

    // The learner completes lesson 1 from their own browser session.
    await buildAndCheck(learner.request);

    // No reload on the instructor's side: the grid and the feed update over SSE.
    await expect(dashboard.cell(name, LESSON)).toHaveAttribute('data-state', 'done');
    await expect(dashboard.activity()).toContainText(`${name} built`);

    // The CSV export agrees.
    const csv = await instructor.request.get(
      await instructor
        .getByRole('link', { name: 'Export CSV' })
        .getAttribute('href')
        .then((h) => h!),
    );
    expect(csv.headers()['content-type']).toContain('text/csv');
    const row = (await csv.text()).split('\r\n').find((l) => l.startsWith(name));
    expect(row).toMatch(new RegExp(`^${name},[^,]+,done,(not started,)*1,succeeded,`));

    // The learner cannot open the dashboard.
    const refused = await learner.request.get(instructor.url().replace(/.*\/instructor\/classes\//, '/api/classes/'));
    expect(refused.status()).toBe(401);
    await learner.goto(new URL(instructor.url()).pathname);
    await expect(learner).toHaveURL(/\/instructor\/login$/);
  } finally {
    await instructorContext.close();
    await learnerContext.close();
  }
});
