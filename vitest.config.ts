import { defineConfig } from 'vitest/config';

// Two groups: everything in Node first, in parallel; then the end-to-end suites, which each
// start workerd (and some Chromium), one file at a time so they never fight for 2 cores.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    // The content bundle and the catalogues, as the Worker reads them from its assets.
    setupFiles: ['test/support/runtime-data.setup.ts'],
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/faults/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
