import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run spawns every peer once (Python imports, TF.js wasm start-up).
    testTimeout: 180_000,
  },
});
