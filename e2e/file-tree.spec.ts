import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';

/** The explorer on lesson 3, whose build context has a tests/ folder: used with the mouse, then the keyboard. */

const SLUG = 'dockerignore-and-the-build-context';

/** The next autosave of the workspace that holds `path`: what a build would send. */
function savedWith(page: Page, path: string) {
  return page.waitForRequest(
    (r) => r.method() === 'PUT' && r.url().includes(`/api/workspaces/`) && (r.postData() ?? '').includes(`"path":"${path}"`),
  );
}

test('with the mouse: open, collapse, add, rename and delete files and folders', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(SLUG);
  const tree = lesson.fileTree();
  const tests = lesson.treeItem('tests');
  const testFile = lesson.treeItem('tests/test_app.py');

  // The Dockerfile comes first, then the folder, then the other files.
  await expect(tree.getByRole('treeitem', { level: 1 }).first()).toHaveAccessibleName('Dockerfile');
  await expect(tree.getByRole('treeitem', { level: 1 }).nth(1)).toHaveAccessibleName('tests');
  await expect(tests).toHaveAttribute('aria-expanded', 'true');
  await expect(testFile).toBeVisible();

  // A folder collapses and expands with a click.
  await lesson.treeRow('tests').click();
  await expect(tests).toHaveAttribute('aria-expanded', 'false');
  await expect(testFile).toBeHidden();
  await lesson.treeRow('tests').click();
  await expect(tests).toHaveAttribute('aria-expanded', 'true');

  // A file inside opens in the editor, its path above it.
  await lesson.treeRow('tests/test_app.py').click();
  await expect(testFile).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor-path')).toHaveText('Open file: tests/test_app.py');
  await expect.poll(() => lesson.file('tests/test_app.py')).toContain('def test_greets_world');

  // A new file with a folder in its path makes the folder.
  await lesson.addFile('src/main.py');
  await expect(lesson.treeItem('src')).toHaveAttribute('aria-expanded', 'true');
  // It opens with the cursor in it: the learner types its text straight away.
  await expect.poll(() => lesson.editorHasFocus()).toBe(true);
  await page.keyboard.type('print("hi")');
  await expect.poll(() => lesson.file('src/main.py')).toBe('print("hi")');

  // Renaming a folder onto a file is refused inline; to a free name, its files move with their text.
  await lesson.treeRow('src').hover();
  await page.getByRole('button', { name: 'Rename src', exact: true }).click();
  const newName = page.getByRole('textbox', { name: 'New name for the folder src' });
  await expect(newName).toHaveValue('src');
  await newName.fill('app.py');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Explorer' }).getByRole('alert')).toHaveText('A file named “app.py” already exists.');
  await newName.fill('code');
  const saved = savedWith(page, 'code/main.py');
  await page.keyboard.press('Enter');
  await expect(lesson.treeItem('src')).toHaveCount(0);
  await expect(lesson.treeItem('code/main.py')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor-path')).toHaveText('Open file: code/main.py');
  const body = JSON.parse((await saved).postData()!) as { files: { path: string; content: string }[] };
  expect(body.files).toContainEqual({ path: 'code/main.py', content: 'print("hi")' });
  expect(body.files.map((f) => f.path)).not.toContain('src/main.py');

  // Deleting a file asks first; its folder goes with its last file.
  await lesson.treeRow('code/main.py').hover();
  await page.getByRole('button', { name: 'Delete code/main.py' }).click();
  await page.getByRole('dialog', { name: 'Delete code/main.py?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(lesson.treeItem('code')).toHaveCount(0);

  // Deleting a folder says how many files go with it.
  await lesson.treeRow('tests').hover();
  await page.getByRole('button', { name: 'Delete tests', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the folder “tests” and its 1 file?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(testFile).toBeVisible();
  await lesson.treeRow('tests').hover();
  await page.getByRole('button', { name: 'Delete tests', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(tests).toHaveCount(0);
  await expect(lesson.treeItem('Dockerfile')).toBeVisible();
});

test('with the keyboard: arrows move and fold, Enter opens, F2 renames, Delete deletes', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto(SLUG);
  const dockerfile = lesson.treeItem('Dockerfile');
  const tests = lesson.treeItem('tests');
  const testFile = lesson.treeItem('tests/test_app.py');

  // The tree is one tab stop: the open file's item (lesson 3 opens .dockerignore).
  await expect(lesson.treeItem('.dockerignore')).toHaveAttribute('tabindex', '0');
  await expect(lesson.fileTree().locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);
  await lesson.treeRow('Dockerfile').click();
  await expect(dockerfile).toBeFocused();
  await expect(dockerfile).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('ArrowDown');
  await expect(tests).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tests).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(lesson.treeItem('.dockerignore')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect(tests).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(testFile).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(testFile).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor-path')).toHaveText('Open file: tests/test_app.py');
  await page.keyboard.press('ArrowLeft');
  await expect(tests).toBeFocused();
  await page.keyboard.press('End');
  await expect(lesson.treeItem('requirements.txt')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(dockerfile).toBeFocused();
  await page.keyboard.press('ArrowDown');

  // F2 renames the folder under focus; Escape would cancel, Enter applies.
  await page.keyboard.press('F2');
  const newName = page.getByRole('textbox', { name: 'New name for the folder tests' });
  await expect(newName).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('spec');
  await page.keyboard.press('Enter');
  const spec = lesson.treeItem('spec');
  await expect(spec).toBeFocused();
  await expect(lesson.treeItem('spec/test_app.py')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => lesson.file('spec/test_app.py')).toContain('def test_greets_world');

  // Delete asks; Tab to its Delete button, Enter; focus moves to the next item.
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete the folder “spec” and its 1 file?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(spec).toHaveCount(0);
  await expect(lesson.treeItem('.dockerignore')).toBeFocused();
  await expect(page.getByTestId('editor-path')).toHaveText('Open file: Dockerfile');
});

test('at 1440 px with many files, every control stays in view and the last file can be reached', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lesson = new LessonPage(page);
  await lesson.goto('multi-stage-builds');
  const added = ['pages/a-rather-long-page-name-about-multi-stage-builds.txt', 'src/lib/util.py'];
  for (let i = 1; i <= 8; i++) added.push(`notes-${i}.md`);
  for (const path of added) await lesson.addFile(path);

  for (const control of [
    page.getByRole('button', { name: 'Add a file' }),
    page.getByRole('button', { name: 'Tab moves focus' }),
    lesson.buildButton,
  ]) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
  }
  const last = lesson.treeRow('notes-8.md');
  await last.scrollIntoViewIfNeeded();
  await last.click();
  await expect(page.getByTestId('editor-path')).toHaveText('Open file: notes-8.md');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the files fold into a "Files" toggle above the editor; a tap opens one', async ({ page }) => {
    const lesson = new LessonPage(page);
    await lesson.goto(SLUG);
    const toggle = page.getByRole('button', { name: 'Files (7)' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(lesson.fileTree()).toBeHidden();
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await lesson.treeRow('tests/test_app.py').tap();
    await expect(page.getByTestId('editor-path')).toHaveText('Open file: tests/test_app.py');
    // Above the editor, within the screen's width.
    const tree = (await page.getByRole('region', { name: 'Explorer' }).boundingBox())!;
    const editor = (await page.locator('#editor-host').boundingBox())!;
    expect(tree.y + tree.height).toBeLessThanOrEqual(editor.y);
    expect(tree.x + tree.width).toBeLessThanOrEqual(390);
  });
});
