#!/usr/bin/env node
// Builds @recur/wasm: the TypeScript loader with tsc, then recur.wasm from crates/wasm with
// Debian's Rust 1.63 + wasm-ld (scripts/build-wasm.sh) into src/recur.wasm, copied to
// dist/src/recur.wasm beside the loader (both find it as new URL('./recur.wasm', import.meta.url)).
// Without that toolchain the module is skipped with one notice (initWasm then resolves
// { available: false }), unless RECUR_REQUIRE_WASM=1, which makes it an error.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(pkgDir, '..', '..');
const required = process.env.RECUR_REQUIRE_WASM === '1';
const rustc = process.env.RECUR_WASM_RUSTC ?? '/usr/bin/rustc';
const cargo = process.env.RECUR_WASM_CARGO ?? '/usr/bin/cargo';

function fail(message) {
  console.error(`@recur/wasm build: ${message}`);
  process.exit(1);
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, CARGO_NET_OFFLINE: 'true' } });
  return !r.error && r.status === 0;
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
if (!run(process.execPath, [tsc, '-p', 'tsconfig.json'], pkgDir)) fail('tsc failed');

const built = join(pkgDir, 'src', 'recur.wasm');
const shipped = join(pkgDir, 'dist', 'src', 'recur.wasm');
const wasmLd = spawnSync('sh', ['-c', 'command -v wasm-ld'], { stdio: 'ignore' }).status === 0;
const missing = [rustc, cargo].filter((p) => !existsSync(p));
if (!wasmLd) missing.push('wasm-ld');
if (missing.length > 0) {
  const hint = 'apt-get install rustc libstd-rust-dev-wasm32 lld cargo';
  if (required) fail(`RECUR_REQUIRE_WASM=1 but ${missing.join(', ')} is missing: cannot build recur.wasm (${hint})`);
  if (existsSync(built)) {
    console.log(`@recur/wasm: ${missing.join(', ')} not found; keeping the existing src/recur.wasm`);
  } else {
    console.log(`@recur/wasm: ${missing.join(', ')} not found, skipping recur.wasm (initWasm() will report it unavailable; ${hint})`);
    process.exit(0);
  }
} else if (!run('bash', [join(repoDir, 'scripts', 'build-wasm.sh'), built], repoDir)) {
  fail('building recur.wasm failed (see the cargo output above)');
}
mkdirSync(dirname(shipped), { recursive: true });
copyFileSync(built, shipped);
