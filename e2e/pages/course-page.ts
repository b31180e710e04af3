import { expect, type Page } from '@playwright/test';

export class CoursePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Lessons', exact: true })).toBeVisible();
  }

  lessonCard(title: string) {
    return this.page.getByRole('link', { name: new RegExp(title) });
  }

  async openLesson(title: string) {
    await this.lessonCard(title).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** The notice naming lessons that failed to load (left out of the list). */
  brokenLessons() {
    return this.page.getByTestId('broken-lessons');
  }
}
