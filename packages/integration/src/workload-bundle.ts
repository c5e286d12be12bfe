/**
 * Bundles runtimes/workload.ts (plus a runtime's entry) with esbuild into one ES module
 * whose only imports are '@recur/core' and '@recur/wasm' (and whatever else `external`
 * names). The check modules under core's src/**\/testing are bundled; every other file of
 * core's src they import becomes an import of '@recur/core', so the workload drives the
 * packaged core (and the backend registered there), not a private copy.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { join, sep } from 'node:path';
import { CORE_DIR } from './paths.js';

const coreSrc = join(CORE_DIR, 'src') + sep;

const coreAsPackage: Plugin = {
  name: 'core-source-as-package',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = join(args.resolveDir, args.path);
      if (path.startsWith(coreSrc) && !path.includes(`${sep}testing${sep}`)) return { path: '@recur/core', external: true };
      return undefined;
    });
  },
};

export interface WorkloadBundleOptions {
  entry: string;
  outfile: string;
  /** Extra module names left as imports (e.g. './recur.wasm' for workerd). */
  external?: string[];
}

const COMMON: BuildOptions = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'error' };

export async function bundleWorkload(o: WorkloadBundleOptions): Promise<void> {
  await build({ ...COMMON, entryPoints: [o.entry], outfile: o.outfile, external: ['@recur/core', '@recur/wasm', ...(o.external ?? [])], plugins: [coreAsPackage] });
}

/** One self-contained file from `entry` (inside an npm project, so its packages come from there), as a worker is uploaded. */
export async function bundleAll(entry: string, outfile: string, external: string[] = []): Promise<void> {
  await build({ ...COMMON, entryPoints: [entry], outfile, external });
}
