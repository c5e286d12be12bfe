/**
 * Bundles a browser entry with esbuild into `outDir` beside an index.html that loads it.
 * platform 'browser' makes any Node built-in in the import graph a build error, which is
 * the point: @recur/core must run in a page as it is.
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BundleOptions {
  entry: string;
  outDir: string;
  /** Extra package.json "exports" conditions; ['source'] bundles @recur/core's TypeScript source. */
  conditions?: string[];
  title?: string;
}

export async function bundlePage(options: BundleOptions): Promise<void> {
  await mkdir(options.outDir, { recursive: true });
  await build({
    entryPoints: [options.entry],
    outfile: join(options.outDir, 'page.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: options.conditions ?? [],
    sourcemap: true,
    logLevel: 'error',
  });
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${options.title ?? 'recur'}</title></head>
<body><pre id="log"></pre><script type="module" src="./page.js"></script></body></html>
`;
  await writeFile(join(options.outDir, 'index.html'), html);
}
