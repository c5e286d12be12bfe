/**
 * `npm pack` a package directory and install tarballs into a fresh project, offline: the
 * tarballs carry everything, and nothing may come from a registry.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run.js';

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  name: string;
  version: string;
  tarball: string;
  files: PackedFile[];
}

/** Environment for npm children: no update check, no audit, no fund noise, never the network. */
export function npmEnv(): NodeJS.ProcessEnv {
  // npm_config_* set by an outer `npm test` (workspace, prefix, ...) would leak into the child.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_offline: 'true' };
}

export async function npmPack(packageDir: string, destination: string): Promise<Packed> {
  await mkdir(destination, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: packageDir, env: npmEnv() });
  // npm prints lifecycle output before the JSON when a package has prepack scripts; take the array.
  const parsed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; version: string; filename: string; files: PackedFile[] }[];
  const p = parsed[0];
  return { name: p.name, version: p.version, tarball: join(destination, p.filename), files: p.files };
}

export interface ConsumerOptions {
  dir: string;
  /** package name -> tarball path */
  dependencies: Record<string, string>;
  /** Extra `npm install` flags, e.g. --omit=optional. */
  installFlags?: string[];
  /** Make optional dependencies of the packages resolve to these tarballs (no registry). */
  overrides?: Record<string, string>;
}

/** A fresh ESM project with the tarballs installed. Returns `npm install`'s output. */
export async function createConsumer(options: ConsumerOptions): Promise<string> {
  await mkdir(options.dir, { recursive: true });
  const pkg: Record<string, unknown> = {
    name: 'recur-consumer',
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(Object.entries(options.dependencies).map(([n, t]) => [n, `file:${t}`])),
  };
  if (options.overrides) pkg.overrides = Object.fromEntries(Object.entries(options.overrides).map(([n, t]) => [n, `file:${t}`]));
  await writeFile(join(options.dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const { stdout, stderr } = await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', ...(options.installFlags ?? [])],
    { cwd: options.dir, env: npmEnv() },
  );
  return stdout + stderr;
}
