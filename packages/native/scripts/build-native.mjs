#!/usr/bin/env node
// Builds @recur/native: the Rust addon (crates/node) into recur.<triple>.node, then the
// TypeScript loader with tsc. Without cargo the addon is skipped with one notice (the
// package then reports available = false and users keep the TS backend), unless
// RECUR_REQUIRE_NATIVE=1, which makes a missing toolchain or a failed build an error.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(pkgDir, '..', '..');
const manifest = join(repoDir, 'crates', 'node', 'Cargo.toml');
const required = process.env.RECUR_REQUIRE_NATIVE === '1';
// No crates.io here, and the binding has no dependencies: never touch the network.
const env = { ...process.env, CARGO_NET_OFFLINE: 'true' };

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: pkgDir, stdio: 'inherit', env });
  return r.error ? { ok: false, error: r.error } : { ok: r.status === 0, error: undefined };
}

function fail(message) {
  console.error(`@recur/native build: ${message}`);
  process.exit(1);
}

/**
 * Plain cargo plus a copy to the `recur.<triple>.node` name that `napi build --platform` would
 * write. Not `napi build`: the binding is hand-written (no napi-derive), and the CLI warns
 * about that on every build while adding nothing else here. The release still uses the CLI
 * (`napi create-npm-dirs`, `napi artifacts`) for the platform packages.
 */
async function buildAddon() {
  if (!run('cargo', ['build', '--release', '--offline', '--manifest-path', manifest, '-p', 'recur-node']).ok) return false;
  return copyCargoOutput();
}

async function copyCargoOutput() {
  const { binaryFileName } = await import(join(pkgDir, 'dist', 'src', 'platform.js'));
  const file = binaryFileName();
  if (!file) fail(`no binary name for ${process.platform}-${process.arch}`);
  const lib = { win32: 'recur_node.dll', darwin: 'librecur_node.dylib' }[process.platform] ?? 'librecur_node.so';
  const built = join(repoDir, 'target', 'release', lib);
  if (!existsSync(built)) fail(`cargo succeeded but ${built} is missing`);
  copyFileSync(built, join(pkgDir, file));
  console.log(`@recur/native build: copied ${built} to ${file}`);
  return true;
}

// tsc first: the cargo fallback reads the binary's file name from dist/src/platform.js.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
if (!run(process.execPath, [tsc, '-p', 'tsconfig.json']).ok) fail('tsc failed');

const cargo = spawnSync('cargo', ['--version'], { stdio: 'ignore', env });
if (cargo.error || cargo.status !== 0) {
  if (required) fail('RECUR_REQUIRE_NATIVE=1 but cargo is not installed: cannot build the native addon');
  console.log('@recur/native: cargo not found, skipping the native addon (the TS backend stays in use; install Rust to build it)');
  process.exit(0);
}
if (!(await buildAddon())) fail('building the native addon failed (see the cargo output above)');
