import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packing, installing and starting a browser take seconds each on a shared 2-core box.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // One heavy thing at a time: the browser and the npm installs compete for the same CPUs.
    fileParallelism: false,
  },
});
