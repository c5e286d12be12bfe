import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Core's tests use @recur/testkit's helpers from their TypeScript source, and '@recur/core'
// inside them is this package's src: the tests check core's source, and core cannot depend on
// testkit (testkit builds against core's dist, so a dependency would be a cycle in turbo's ^build).
const testkitSrc = fileURLToPath(new URL('../testkit/src/', import.meta.url));
const coreIndex = fileURLToPath(new URL('./src/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@recur\/core$/, replacement: coreIndex },
      { find: /^@recur\/testkit\/(.*)$/, replacement: `${testkitSrc}$1.ts` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
