import { defineConfig } from 'vitest/config';
import path from 'node:path';

const ALL_TESTS = ['app/**/*.test.ts', 'server/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'];

/**
 * Tests that need the real sandbox engine are named `*.engine.test.ts`. A test file belongs
 * there when it fails with the engine unreachable:
 * `LAYERLAB_DOCKER_HOST=unix:///nonexistent.sock npx vitest run --project unit` must stay green.
 */
const ENGINE_TESTS = ['**/*.engine.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run server code directly.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // `vitest run` runs both projects, the fast one first; `--project unit` runs only it.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TESTS,
          exclude: ['**/node_modules/**', ...ENGINE_TESTS],
          testTimeout: 20_000,
          hookTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ENGINE_TESTS,
          // Real-daemon tests share one engine; run files one after another.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
