import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // The end-to-end suite starts workerd and Chromium; give it the machine to itself last.
    sequence: { concurrent: false },
  },
});
