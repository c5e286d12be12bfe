/**
 * Bundles runtimes/workload.ts (plus a runtime's entry) with esbuild into one ES module
 * whose only imports are '@recur/core' and '@recur/wasm' (and whatever else `external`
 * names). The @recur/testkit check modules are bundled; they import '@recur/core', which
 * stays an import, so the workload drives the packaged core (and the backend registered
 * there), not a private copy.
 */
import { build, type BuildOptions } from 'esbuild';

export interface WorkloadBundleOptions {
  entry: string;
  outfile: string;
  /** Extra module names left as imports (e.g. './recur.wasm' for workerd). */
  external?: string[];
}

const COMMON: BuildOptions = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'error' };

export async function bundleWorkload(o: WorkloadBundleOptions): Promise<void> {
  await build({ ...COMMON, entryPoints: [o.entry], outfile: o.outfile, external: ['@recur/core', '@recur/wasm', ...(o.external ?? [])] });
}

/** One self-contained file from `entry` (inside an npm project, so its packages come from there), as a worker is uploaded. */
export async function bundleAll(entry: string, outfile: string, external: string[] = []): Promise<void> {
  await build({ ...COMMON, entryPoints: [entry], outfile, external });
}
