import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prints, once per run, which backends are tested and why native is not (if it is not).
    globalSetup: ['./src/report-backends.ts'],
    // @recur/native warns once per process when its binary does not load; every test file
    // is a worker process, so keep that notice to the main process (beside the line above).
    execArgv: ['--disable-warning=RECUR_NATIVE_UNAVAILABLE'],
    // Finite differences on every backend are slow on a shared 2-core machine; never a speed test.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
