#!/usr/bin/env node
// Bundles the demo with esbuild into dist/ (or --out DIR): index.html + main.js, and
// @recur/wasm's recur.wasm beside main.js (where its new URL('./recur.wasm', import.meta.url) points). `--serve`
// also serves it on http://127.0.0.1:8000 and rebuilds on change. @recur/core comes from the workspace's
// built package (run `npm run build` at the repository root first).
import { build, context } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function options(outDir) {
  return {
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  };
}

/** Writes index.html and main.js into outDir (default examples/browser/dist). */
export async function buildDemo(outDir = join(here, 'dist')) {
  await mkdir(outDir, { recursive: true });
  await copyFile(join(here, 'index.html'), join(outDir, 'index.html'));
  await copyFile(createRequire(import.meta.url).resolve('@recur/wasm/recur.wasm'), join(outDir, 'recur.wasm'));
  await build(options(outDir));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv.indexOf('--out');
  const outDir = await buildDemo(out > 0 ? process.argv[out + 1] : undefined);
  if (process.argv.includes('--serve')) {
    const ctx = await context(options(outDir));
    await ctx.watch();
    const { port } = await ctx.serve({ servedir: outDir, host: '127.0.0.1', port: 8000 });
    console.log(`recur browser demo: http://127.0.0.1:${port}/`);
  } else {
    console.log(`recur browser demo built in ${outDir}`);
  }
}
