// Packages meet through their public entry points: no file outside packages/core-ts imports
// core's source by relative path (helpers come from @recur/testkit, the API from @recur/core),
// so every package tests the build users get and there is one backend registry.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../src/paths.js';

/** Tracked TS/JS sources outside core whose import or export specifiers reach into core-ts/src. */
function importsOfCoreSource(): string[] {
  const files = execFileSync('git', ['ls-files', '--', 'packages', 'examples', ':!packages/core-ts'], { cwd: REPO_DIR, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(m|c)?[jt]s$/.test(f));
  const out = execFileSync('git', ['grep', '-nE', String.raw`(from|import)\s*\(?\s*['"][^'"]*core-ts/src`, '--', ...files], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
  return out === '' ? [] : out.split('\n');
}

describe('package boundaries', () => {
  it('no package imports core-ts/src by relative path', () => {
    let hits: string[];
    try {
      hits = importsOfCoreSource();
    } catch (e) {
      // git grep exits 1 when nothing matches.
      if ((e as { status?: number }).status === 1) hits = [];
      else throw e;
    }
    expect(hits).toEqual([]);
  });
});
