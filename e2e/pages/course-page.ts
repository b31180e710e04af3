import { expect, type Page } from '@playwright/test';

export class CoursePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Lessons' })).toBeVisible();
  }

  lessonCard(title: string) {
    return this.page.getByRole('link', { name: new RegExp(title) });
  }

  async openLesson(title: string) {
    await this.lessonCard(title).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }
}
