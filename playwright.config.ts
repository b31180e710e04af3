import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { FIXTURE_COURSE_DIR, FIXTURE_PORT } from './e2e/fixture-course';

/**
 * End-to-end tests against a production build (`npm run test:e2e` runs `next build` first)
 * and the real sandboxed engine. Browsers cannot be downloaded here: Debian's Chromium is used.
 */

const PORT = 3100;
/** Point the tests at an already running server instead (e.g. `next dev`): E2E_BASE_URL=http://localhost:3001 */
const external = process.env.E2E_BASE_URL;

// A known instructor password for the classroom tests (the runner and its workers share it).
process.env.LAYERLAB_INSTRUCTOR_PASSWORD ??= 'e2e-instructor-password';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Builds are real (a cold python image build takes tens of seconds on 2 cores).
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: external ?? `http://localhost:${PORT}`,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: external
    ? undefined
    : [
        {
          command: `npx next start -p ${PORT}`,
          url: `http://localhost:${PORT}/`,
          reuseExistingServer: false,
          timeout: 120_000,
          // A database of its own: a server started by `npm start` (default database) is left alone.
          env: {
            NEXT_TELEMETRY_DISABLED: '1',
            LAYERLAB_INSTRUCTOR_PASSWORD: process.env.LAYERLAB_INSTRUCTOR_PASSWORD,
            LAYERLAB_DB_PATH: path.join(os.tmpdir(), 'layerlab-e2e.db'),
          },
        },
        // The fixture course (broken lessons), with a database of its own: see e2e/fixture-course.ts.
        {
          command: `npx next start -p ${FIXTURE_PORT}`,
          url: `http://localhost:${FIXTURE_PORT}/`,
          reuseExistingServer: false,
          timeout: 120_000,
          env: {
            NEXT_TELEMETRY_DISABLED: '1',
            LAYERLAB_LESSONS_DIR: FIXTURE_COURSE_DIR,
            LAYERLAB_DB_PATH: path.join(os.tmpdir(), 'layerlab-e2e-fixture-course.db'),
          },
        },
      ],
});
