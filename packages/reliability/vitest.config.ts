import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
    setupFiles: ['./src/tally-setup.ts'],
    // @recur/native warns once per process when its binary does not load; global-setup.ts
    // already says so once per run.
    execArgv: ['--disable-warning=RECUR_NATIVE_UNAVAILABLE'],
    // Two shared cores: the budget is "a couple of minutes" for the whole suite, never a speed test.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
