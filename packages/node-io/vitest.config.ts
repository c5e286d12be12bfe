import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // fsync on a disk shared with other builds can take seconds; never a speed test.
    testTimeout: 60_000,
  },
});
