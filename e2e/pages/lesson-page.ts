import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { modelMarkers, modelText, monacoLoaded, replaceModelText } from './monaco';

export const SEED_SLUG = 'building-your-first-docker-image';
export const SEED_TITLE = 'Building Your First Docker Image';
const BUILD_TIMEOUT = 240_000;

/** The lesson page: lesson text on the left, the workbench (toolbar, editor, console) on the right. */
export class LessonPage {
  readonly buildButton: Locator;
  readonly runButton: Locator;
  readonly buildOutput: Locator;
  readonly runOutput: Locator;
  /** The console's "Check my work" tab: goals, hints, solution. */
  readonly checkPanel: Locator;
  readonly checkButton: Locator;
  readonly lessonComplete: Locator;
  /** The Dockerfile coach's summary strip under the editor. */
  readonly coach: Locator;
  /** A coach rule's explanation (side panel). */
  readonly ruleDoc: Locator;
  /** The console's "Layers" tab: layers of the last successful build and the build timeline. */
  readonly layersPanel: Locator;

  constructor(readonly page: Page) {
    this.buildButton = page.getByTestId('build-button');
    this.runButton = page.getByTestId('run-button');
    this.buildOutput = page.getByTestId('build-output');
    this.runOutput = page.getByTestId('run-output');
    this.checkPanel = page.getByTestId('check-panel');
    this.checkButton = page.getByTestId('check-button');
    this.lessonComplete = page.getByTestId('lesson-complete');
    this.coach = page.getByTestId('coach');
    this.ruleDoc = page.getByTestId('rule-doc');
    this.layersPanel = page.getByTestId('layers-panel');
  }

  async goto(slug = SEED_SLUG) {
    await this.page.goto(`/lessons/${slug}`);
    await this.editorReady();
  }

  /** Monaco is lazy-loaded from /monaco/vs; wait for the editor to show. */
  async editorReady() {
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 60_000 });
    await monacoLoaded(this.page);
  }

  /** The explorer's tree of the build context's files. */
  fileTree() {
    return this.page.getByRole('tree', { name: 'Files in the build context' });
  }

  /** A file or folder in the tree by its path: each folder on the way, level by level, as a person reads it. */
  treeItem(path: string) {
    let item: Locator = this.fileTree();
    path.split('/').forEach((name, i) => {
      item = item.getByRole('treeitem', { name, exact: true, level: i + 1 });
    });
    return item;
  }

  /** The clickable line of a tree item (an open folder's item also holds its children's lines). */
  treeRow(path: string) {
    return this.treeItem(path).locator('.tree-row').first();
  }

  /** Adds a file the way a learner does: "+", its path, Enter; the new file opens. */
  async addFile(path: string) {
    await this.page.getByRole('button', { name: 'Add a file' }).click();
    await this.page.getByRole('textbox', { name: /file name/i }).fill(path);
    await this.page.keyboard.press('Enter');
    await expect(this.treeItem(path)).toHaveAttribute('aria-selected', 'true');
  }

  /** The editor's text area, as the browser focuses it (Monaco takes keys through it). */
  editorHasFocus() {
    return this.page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
  }

  /** Clicks into the Dockerfile and clears it with the keyboard (Ctrl+A, Delete), as a learner starting over does. */
  async clearDockerfileByKeyboard() {
    await this.treeRow('Dockerfile').click();
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await expect.poll(() => this.file('Dockerfile')).toBe('');
  }

  /** Types at a person's pace: real key presses, one at a time. */
  async typeSlowly(text: string) {
    await this.page.keyboard.type(text, { delay: 60 });
  }

  /** Monaco's suggestion list (base images, instructions…). */
  suggestions() {
    return this.page.locator('.monaco-editor .suggest-widget');
  }

  codeBlock(lang: string, containing?: string) {
    const blocks = this.page.locator(`.codeblock[data-lang="${lang}"]`);
    return containing ? blocks.filter({ hasText: containing }) : blocks.first();
  }

  async openExampleDockerfile() {
    await this.codeBlock('dockerfile').getByRole('button', { name: 'Open in editor' }).click();
    // Either it asks first (the Dockerfile was edited) or it replaces at once and offers Undo.
    const dialog = this.page.getByRole('dialog', { name: 'Replace your Dockerfile?' });
    await expect(dialog.or(this.page.getByTestId('undo-bar'))).toBeVisible();
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Replace' }).click();
    await expect(this.page.getByTestId('undo-bar')).toBeVisible();
  }

  /** Puts the reference solution's Dockerfile in the editor (lesson 1's text teaches without giving it away). */
  async useSolutionDockerfile(lessonDir = '01-building-your-first-docker-image') {
    const content = readFileSync(path.join(process.cwd(), 'lessons', lessonDir, 'solution', 'Dockerfile'), 'utf8');
    await this.setFile('Dockerfile', content);
  }

  async runThis(containing: string) {
    await this.codeBlock('bash', containing)
      .getByRole('button', { name: /Run this/ })
      .click();
  }

  /**
   * A fixture file's whole text, pasted into its file as one edit (typing into Monaco
   * auto-closes brackets and quotes). Tests of typing itself use the keyboard instead.
   */
  async setFile(path: string, content: string) {
    if ((await this.treeItem(path).count()) === 0) await this.addFile(path);
    await this.treeRow(path).click();
    await expect.poll(() => modelText(this.page, path)).toBeDefined();
    await replaceModelText(this.page, path, content);
  }

  /** A file's text as the editor holds it (the Dockerfile, or a file opened before). */
  async file(path: string) {
    return modelText(this.page, path);
  }

  /** `build`: the server's markers (failed step, refused lines); `coach`: the linter's. */
  async markers(path = 'Dockerfile', owner: 'build' | 'coach' = 'build') {
    return modelMarkers(this.page, path, owner);
  }

  /** The rule ids the coach currently marks in the Dockerfile, in line order. */
  async coachRules() {
    return (await this.markers('Dockerfile', 'coach')).map((m) => m.code);
  }

  /** Puts the cursor on the editor line showing `text` (Monaco renders spaces as no-break spaces: use \s in a RegExp). */
  async clickLineWith(text: string | RegExp) {
    await this.page.locator('.monaco-editor .view-lines .view-line').filter({ hasText: text }).first().click();
  }

  async build() {
    await expect(this.buildButton).toBeEnabled();
    await this.buildButton.click();
  }

  /** Waits until the build finished (or was refused) and returns its final state. */
  async buildFinished() {
    await expect(this.buildOutput).toHaveAttribute('data-phase', /^(done|refused)$/, { timeout: BUILD_TIMEOUT });
    return (await this.buildOutput.getAttribute('data-state')) ?? (await this.buildOutput.getAttribute('data-phase'));
  }

  async showConsoleTab(name: 'Build' | 'Run' | 'Layers' | 'Check my work') {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  async run() {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
  }

  async runFinished() {
    await expect(this.runOutput).toHaveAttribute('data-phase', 'done', { timeout: BUILD_TIMEOUT });
    return this.runOutput.getAttribute('data-state');
  }

  goal(id: string) {
    return this.page.getByTestId(`goal-${id}`);
  }

  /** Opens the "Check my work" tab and presses its button (it builds first when the files changed). */
  async checkMyWork() {
    await this.showConsoleTab('Check my work');
    await expect(this.checkButton).toBeEnabled();
    await this.checkButton.click();
  }

  /** Waits until the check finished: the button is back and the goals carry results (or an error is shown). */
  async checkFinished() {
    await expect(this.checkButton).toHaveText('Check my work', { timeout: BUILD_TIMEOUT });
    await expect(this.checkPanel).toBeVisible();
    return this.checkPanel
      .locator('[data-status]')
      .evaluateAll((goals) =>
        Object.fromEntries(goals.map((g) => [g.getAttribute('data-testid')!.replace(/^goal-/, ''), g.getAttribute('data-status')!])),
      );
  }

  /** "Show solution" asks first; confirms and returns the diff panel. */
  async showSolution() {
    await this.page.getByTestId('show-solution').click();
    await this.page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
    return this.page.getByTestId('solution-diff');
  }

  async useSolution() {
    await this.page.getByTestId('use-solution').click();
    await this.page
      .getByRole('dialog', { name: /Replace your files with the solution/ })
      .getByRole('button', { name: 'Use the solution' })
      .click();
  }
}
