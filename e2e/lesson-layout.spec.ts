import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/** The lesson page at 1280×720 and on a phone. */

test('at 1280×720 the goals sit with the lesson text and the console has room', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  const goals = page.getByRole('region', { name: 'Your goals' });
  await expect(goals).toBeVisible();
  await expect(goals.getByRole('listitem').first()).toContainText('FROM');
  const console = await page.getByRole('region', { name: 'Console' }).boundingBox();
  expect(console!.height).toBeGreaterThanOrEqual(280);
});

test('at 1280×720 each console tab reads on one line and nothing in the tab row is cut off', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  const tabs = page.getByRole('tablist', { name: 'Console' });
  const row = (await tabs.boundingBox())!;
  for (const tab of await tabs.getByRole('tab').all()) {
    const box = (await tab.boundingBox())!;
    // One line of 12.5px text plus the tab's padding.
    expect(box.height, await tab.innerText()).toBeLessThan(40);
    expect(box.x + box.width).toBeLessThanOrEqual(row.x + row.width + 0.5);
  }
  // The shortcut hint is either shown whole or not at all.
  const hint = tabs.locator('.console-shortcuts');
  if (await hint.isVisible()) {
    const box = (await hint.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(row.x + row.width + 0.5);
    expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('no keyboard shortcut hints are shown', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto();
    await expect(page.locator('.console-shortcuts')).toBeHidden();
    await expect(page.getByText('then Tab leaves the editor')).toBeHidden();
    await expect(page.locator('.console-empty').first()).toContainText('Press Build');
    await expect(page.locator('.console-empty .kbd-hint')).toBeHidden();
  });
});
