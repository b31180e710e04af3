// ESLint: Next.js's recommended rules (core web vitals, React hooks) with TypeScript.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // React 19's compiler-era rules flag effects that load data on mount and refs kept current
    // during render. They are advice for a refactor, not bugs: shown as warnings, not failures.
    rules: {
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/refs': 'warn',
    },
  },
  globalIgnores([
    '.next/**',
    '.next-test/**',
    'public/monaco/**',
    'node_modules/**',
    '.sandbox/**',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
    'next-env.d.ts',
  ]),
]);
