#!/usr/bin/env node
// Publishes @recur/core (npm and JSR), @recur/native and its per-platform binary packages.
//
//   npm run release -- --dry-run   what would be published, offline, changing nothing
//   npm run release                the real thing (CI release job, logged in to npm and JSR)
//
// The real run expects the binaries of every platform job in packages/native/artifacts/
// (e.g. artifacts/bindings-x86_64-unknown-linux-gnu/recur.linux-x64-gnu.node), and versions
// already bumped by `npm run version-packages`. Steps:
//   1. versions in step (package.json, deno.json, npm/<triple>/package.json)
//   2. napi artifacts: binaries into npm/<triple>/
//   3. napi pre-publish: publishes @recur/native-<triple>, adds them to optionalDependencies
//   4. changeset publish: npm publish of every public package not yet on npm, git tags
//   5. deno publish: @recur/core on JSR
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages', 'core-ts');
const native = join(root, 'packages', 'native');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dry = process.argv.includes('--dry-run');

function step(title, cmd, args, cwd = root) {
  console.log(`\n== ${title}\n$ ${[cmd, ...args].join(' ')}   (in ${cwd.replace(root, '.') || '.'})`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    console.error(`release: "${title}" failed`);
    process.exit(1);
  }
}

for (const dir of [core, native]) {
  if (!existsSync(join(dir, 'dist', 'src', 'index.js'))) {
    console.error(`release: ${dir}/dist is missing; run \`npm run build\` first`);
    process.exit(1);
  }
}
step('versions in step', process.execPath, [join(root, 'scripts', 'sync-versions.mjs'), '--check']);

if (!dry) {
  step('binaries into platform packages', bin('napi'), ['artifacts'], native);
  step('publish platform packages, set optionalDependencies', bin('napi'), ['pre-publish', '-t', 'npm', '--no-gh-release'], native);
  // Binaries live in the platform packages only; the main package carries none.
  for (const f of readdirSync(native)) if (f.endsWith('.node')) rmSync(join(native, f));
  step('publish to npm', bin('changeset'), ['publish']);
  step('publish @recur/core to JSR', bin('deno'), ['publish'], core);
} else {
  step('@recur/core on npm (dry run)', 'npm', ['publish', '--dry-run', '--offline'], core);
  // @recur/native as the real run publishes it: no binary in the main package, each binary
  // in its platform package (staged in a temp dir so the working tree stays as it is).
  const stage = mkdtempSync(join(tmpdir(), 'recur-release-'));
  try {
    for (const entry of ['package.json', 'README.md', 'dist', 'src']) {
      if (existsSync(join(native, entry))) cpSync(join(native, entry), join(stage, 'native', entry), { recursive: true });
    }
    step('@recur/native on npm (dry run)', 'npm', ['publish', '--dry-run', '--offline'], join(stage, 'native'));
    for (const triple of readdirSync(join(native, 'npm'))) {
      const binary = join(native, `recur.${triple}.node`);
      if (!existsSync(binary)) {
        console.log(`\n== @recur/native-${triple}: no local build of ${binary}, skipped (CI builds it)`);
        continue;
      }
      const dir = join(stage, triple);
      cpSync(join(native, 'npm', triple), dir, { recursive: true });
      cpSync(binary, join(dir, `recur.${triple}.node`));
      step(`@recur/native-${triple} on npm (dry run)`, 'npm', ['publish', '--dry-run', '--offline'], dir);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  step('@recur/core on JSR (dry run)', bin('deno'), ['publish', '--dry-run', '--allow-dirty'], core);
  console.log('\nrelease dry run: OK (nothing was published)');
}
