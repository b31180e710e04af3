import { expect, type Page } from '@playwright/test';

/** The instructor's class list and a class's dashboard. */
export class InstructorDashboard {
  constructor(private readonly page: Page) {}

  async createClass(name: string): Promise<string> {
    await this.page.getByLabel('New class name').fill(name);
    await this.page.getByRole('button', { name: 'Create class' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(this.liveStatus()).toHaveText('Live');
    return (await this.page.getByTestId('join-code').innerText()).trim();
  }

  liveStatus() {
    return this.page.getByRole('status').filter({ hasText: /Live|Connecting|Reconnecting/ });
  }

  row(displayName: string) {
    return this.page.locator(`tr[data-learner="${displayName}"]`);
  }

  cell(displayName: string, lesson: string) {
    return this.row(displayName).locator(`button[data-lesson="${lesson}"]`);
  }

  activity() {
    return this.page.getByRole('list', { name: 'Build activity' });
  }
}
