/**
 * Where the other JavaScript runtimes' binaries are: each ships inside an npm package of
 * the repository's devDependencies (never downloaded). Install scripts are not run
 * (allowScripts), so the binary is taken from the platform package where the install
 * script would have copied it from, or from where it put it if it ran (Deno: the npm
 * package's own launcher, as the other Deno tests use).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './paths.js';

const modules = join(REPO_DIR, 'node_modules');
const arch = process.arch === 'arm64' ? 'aarch64' : 'x64';

/** A real executable (the packages' placeholders before their install script runs are tiny). */
function firstBinary(candidates: string[]): string | null {
  return candidates.find((p) => existsSync(p) && statSync(p).size > 1_000_000) ?? null;
}

export const RUNTIME_BINARIES = {
  deno: () => (existsSync(join(modules, '.bin', 'deno')) ? join(modules, '.bin', 'deno') : null),
  bun: () => firstBinary([join(modules, '@oven', `bun-linux-${arch}`, 'bin', 'bun'), join(modules, 'bun', 'bin', 'bun.exe')]),
  workerd: () => firstBinary([join(modules, '@cloudflare', `workerd-linux-${arch === 'x64' ? '64' : 'arm64'}`, 'bin', 'workerd'), join(modules, 'workerd', 'bin', 'workerd')]),
} as const;

export type RuntimeName = keyof typeof RUNTIME_BINARIES;

/** The binary, or null when its package is not installed. */
export function findRuntime(name: RuntimeName): string | null {
  return RUNTIME_BINARIES[name]();
}
