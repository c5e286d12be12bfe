/** Copies the smoke scripts into a consumer project and runs them there (so they resolve its node_modules). */
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMOKE_DIR, TSC } from './paths.js';
import { run, type RunResult } from './run.js';

export async function copySmokeScripts(dir: string, names: readonly string[]): Promise<void> {
  for (const n of names) await copyFile(join(SMOKE_DIR, n), join(dir, n));
}

/** Runs `node <script> ...args` in the project; env overrides are merged into a clean env. */
export async function runNode(dir: string, script: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const base = { ...process.env };
  delete base.RECUR_REQUIRE_NATIVE;
  delete base.RECUR_NATIVE_PATH;
  return run(process.execPath, [script, ...args], { cwd: dir, env: { ...base, ...env } });
}

/** The last stdout line as JSON (the smoke scripts print exactly one). */
export function lastJson<T>(r: RunResult): T {
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** `tsc --noEmit` on the given files with NodeNext and with Bundler resolution; returns tsc's output per mode. */
export async function typecheck(dir: string, files: readonly string[]): Promise<Record<string, RunResult>> {
  const modes = {
    nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
    bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
  };
  const out: Record<string, RunResult> = {};
  for (const [mode, resolution] of Object.entries(modes)) {
    const config = {
      compilerOptions: {
        ...resolution,
        target: 'ES2022',
        lib: ['ES2022'],
        strict: true,
        noEmit: true,
        // Check the packages' own .d.ts files too: they are what a consumer compiles against.
        skipLibCheck: false,
        // No @types/node: the declarations must stand on their own.
        types: [],
      },
      files,
    };
    const name = `tsconfig.${mode}.json`;
    await writeFile(join(dir, name), JSON.stringify(config, null, 2));
    out[mode] = await run(process.execPath, [TSC, '-p', name], { cwd: dir, allowFailure: true });
  }
  return out;
}
