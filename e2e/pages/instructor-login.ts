import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * The instructor's password for the server under test: LAYERLAB_INSTRUCTOR_PASSWORD
 * when the run sets it, else the one the server generated on first start and
 * wrote to <sandbox>/instructor-password.
 */
export function instructorPassword(): string {
  if (process.env.LAYERLAB_INSTRUCTOR_PASSWORD) return process.env.LAYERLAB_INSTRUCTOR_PASSWORD;
  const file = path.resolve(process.env.LAYERLAB_SANDBOX_DIR ?? '.sandbox', 'instructor-password');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(
      `No instructor password: set LAYERLAB_INSTRUCTOR_PASSWORD for the server and the tests, or let the server generate ${file}.`,
    );
  }
}

export class InstructorLoginPage {
  constructor(private readonly page: Page) {}

  async signIn(password = instructorPassword()) {
    await this.page.goto('/instructor/login');
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByRole('heading', { name: 'Your classes' })).toBeVisible();
  }
}
