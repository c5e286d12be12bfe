// The release plumbing: versions in step across package.json, deno.json (JSR) and the platform
// binary packages, and `npm run version-packages` in a throwaway clone bumping @recur/core and
// @recur/native together (a fixed group) and carrying the version to those files.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmEnv } from '../src/npm-pack.js';
import { REPO_DIR } from '../src/paths.js';
import { run } from '../src/run.js';

const readJson = async (p: string) => JSON.parse(await readFile(p, 'utf8')) as { version: string; fixed?: string[][] };

describe('release plumbing', () => {
  let tmp: string | undefined;
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('keeps deno.json and the platform packages at their package\'s version', async () => {
    const r = await run(process.execPath, [join(REPO_DIR, 'scripts', 'sync-versions.mjs'), '--check'], { cwd: REPO_DIR, allowFailure: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const config = await readJson(join(REPO_DIR, '.changeset', 'config.json'));
    expect(config.fixed).toContainEqual(expect.arrayContaining(['@recur/core', '@recur/native']));
  });

  it.skipIf(!existsSync(join(REPO_DIR, '.git')))('version-packages bumps core and native together and syncs JSR and platform versions', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'recur-release-'));
    const clone = join(tmp, 'repo');
    await run('git', ['clone', '--quiet', '--no-hardlinks', REPO_DIR, clone], { cwd: tmp });
    await symlink(join(REPO_DIR, 'node_modules'), join(clone, 'node_modules'));
    const before = (await readJson(join(clone, 'packages', 'core-ts', 'package.json'))).version;
    await writeFile(join(clone, '.changeset', 'release-test-major.md'), '---\n"@recur/core": major\n---\n\nA test bump.\n');
    await run('npm', ['run', 'version-packages'], { cwd: clone, env: npmEnv() });
    const core = (await readJson(join(clone, 'packages', 'core-ts', 'package.json'))).version;
    expect(core).not.toBe(before);
    expect(core).toMatch(/^\d+\.0\.0$/);
    expect((await readJson(join(clone, 'packages', 'native', 'package.json'))).version).toBe(core);
    expect((await readJson(join(clone, 'packages', 'core-ts', 'deno.json'))).version).toBe(core);
    expect((await readJson(join(clone, 'packages', 'native', 'npm', 'linux-x64-gnu', 'package.json'))).version).toBe(core);
  });
});
