import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { InstructorDashboard } from './pages/instructor-dashboard';
import { InstructorLoginPage } from './pages/instructor-login';
import { LessonPage } from './pages/lesson-page';

/** axe-core on the pages learners and instructors use, light and dark: no serious or critical violations. */

async function seriousViolations(page: Page) {
  // Monaco's own DOM is a third-party widget with its own accessibility model (a textarea and an aria-live region).
  const { violations } = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the course page', async ({ page }) => {
      await page.goto('/');
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('a lesson page, with a finished build in the console', async ({ page }) => {
      const lesson = new LessonPage(page);
      await lesson.goto();
      await lesson.openExampleDockerfile();
      await lesson.build();
      // Succeeded or failed (the example may need a file the learner adds): either way its badge and log are scanned.
      expect(await lesson.buildFinished()).toMatch(/^(succeeded|failed)$/);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('a lesson page before Monaco has arrived: the plain editor', async ({ page }) => {
      await page.route('**/monaco/**', () => undefined); // held: the plain editor stays
      await page.goto('/lessons/building-your-first-docker-image');
      await expect(page.getByRole('textbox', { name: /plain text while the full editor loads/ })).toBeEditable();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("lesson 3's file explorer: a folder, and a refused name shown inline", async ({ page }) => {
      const lesson = new LessonPage(page);
      await lesson.goto('dockerignore-and-the-build-context');
      await expect(lesson.treeItem('tests/test_app.py')).toBeVisible();
      await lesson.treeRow('tests').click();
      await page.keyboard.press('F2');
      await page.getByRole('textbox', { name: 'New name for the folder tests' }).fill('app.py');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Explorer' }).getByRole('alert')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the instructor dashboard', async ({ page }) => {
      await new InstructorLoginPage(page).signIn();
      await new InstructorDashboard(page).createClass(`A11y ${colorScheme} ${Date.now().toString(36)}`);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
