#!/usr/bin/env node
// After `changeset version` bumps package.json versions: carry them to the files changesets
// does not know about, so every registry sees one version.
//   packages/core-ts/package.json -> packages/core-ts/deno.json (JSR)
//   packages/wasm/package.json    -> packages/wasm/deno.json (JSR)
//   packages/native/package.json  -> packages/native/npm/<triple>/package.json (platform binaries)
// With --check, changes nothing and exits 1 when any of them is out of step.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
let stale = 0;

function sync(file, version) {
  const json = readJson(file);
  if (json.version === version) return;
  if (check) {
    console.error(`${file}: version ${json.version}, expected ${version}`);
    stale++;
    return;
  }
  json.version = version;
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`${file}: ${version}`);
}

const core = readJson(join(root, 'packages/core-ts/package.json')).version;
sync(join(root, 'packages/core-ts/deno.json'), core);
sync(join(root, 'packages/wasm/deno.json'), readJson(join(root, 'packages/wasm/package.json')).version);

const nativeDir = join(root, 'packages/native');
const native = readJson(join(nativeDir, 'package.json')).version;
const npmDir = join(nativeDir, 'npm');
if (existsSync(npmDir)) {
  for (const triple of readdirSync(npmDir)) sync(join(npmDir, triple, 'package.json'), native);
}
if (stale > 0) process.exit(1);
