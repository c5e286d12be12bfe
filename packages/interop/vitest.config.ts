import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // TF.js's pure-JS CPU backend on a shared 2-core machine; never a speed test.
    testTimeout: 120_000,
  },
});
