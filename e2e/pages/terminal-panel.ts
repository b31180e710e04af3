import { expect, type Locator, type Page } from '@playwright/test';

/** The workbench's terminal (xterm.js): typed into with real key presses, read from its rendered rows. */
export class TerminalPanel {
  readonly host: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.host = page.getByRole('region', { name: 'Terminal' }).locator('.terminal-host');
    this.rows = this.host.locator('.xterm-rows');
  }

  async ready() {
    await expect(this.rows).toContainText('$', { timeout: 60_000 });
    await expect.poll(() => this.text()).toMatch(/\$ *$/);
  }

  async focus() {
    await this.host.click();
  }

  /** Types as a person does: one key press at a time, with a pause between keys. */
  async type(text: string) {
    await this.page.keyboard.type(text, { delay: 40 });
  }

  /** Types a line and presses Enter. */
  async enter(line: string) {
    await this.type(line);
    await this.page.keyboard.press('Enter');
  }

  /** What the terminal holds (scrollback included), wrapped rows joined into their lines. */
  async text() {
    return this.host.evaluate((el) => (el as HTMLElement & { terminalText: () => string }).terminalText());
  }

  async expectText(pattern: RegExp | string, timeout = 30_000) {
    await expect.poll(() => this.text(), { timeout }).toMatch(typeof pattern === 'string' ? new RegExp(escape(pattern)) : pattern);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
