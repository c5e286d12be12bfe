import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Training runs a few dozen real steps per test; the machine is shared.
    testTimeout: 120_000,
  },
});
