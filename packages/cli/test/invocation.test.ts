/**
 * Inside a clone recur runs as `npm run recur -- ...` (no `recur` on PATH) and npm runs the
 * script from the repo root: the hints print the command that works there, and relative
 * paths are the caller's (INIT_CWD), as --help says.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerPath, recurCommand } from '../src/invocation.js';
import { cli, tempDir, TINY, writeText } from './helpers.js';

const NPM_IN_REPO = { npm_lifecycle_event: 'recur', npm_package_name: 'recur-monorepo' };

describe('how recur was started', () => {
  it('names the command that works: npm run recur -- in the repo, npx recur, or recur', () => {
    expect(recurCommand(NPM_IN_REPO)).toBe('npm run recur --');
    expect(recurCommand({ npm_lifecycle_event: 'start', npm_package_name: 'recur-monorepo' })).toBe('npm run recur --');
    expect(recurCommand({ npm_command: 'exec', npm_lifecycle_event: 'npx' })).toBe('npx recur');
    expect(recurCommand({ npm_lifecycle_event: 'train', npm_package_name: 'my-app' })).toBe('recur');
    expect(recurCommand({})).toBe('recur');
  });

  it('relative paths resolve against INIT_CWD when it differs from the working directory', () => {
    const here = process.cwd();
    expect(callerPath('names.txt', {})).toBe('names.txt');
    expect(callerPath('names.txt', { INIT_CWD: here })).toBe('names.txt');
    expect(callerPath('names.txt', { INIT_CWD: '/somewhere/else' })).toBe('/somewhere/else/names.txt');
    expect(callerPath('/abs/names.txt', { INIT_CWD: '/somewhere/else' })).toBe('/abs/names.txt');
  });

  it('under npm run in the repo: --data and --out are the caller\'s, and the end hint runs as printed', async () => {
    const caller = await tempDir();
    await mkdir(join(caller, 'data'));
    await writeText(join(caller, 'data'), 'words.txt', 'alpha\nbeta\ngamma\n');
    const env = { ...NPM_IN_REPO, INIT_CWD: caller };
    // Relative to the caller, which is not this process's working directory.
    const r = await cli(['train', '--out', 'runs/demo', '--data', 'data/words.txt', ...TINY, '--steps', '2', '--backend', 'ts'], { env });
    expect(r.code).toBe(0);
    const dir = join(caller, 'runs', 'demo');
    expect((await readdir(dir)).sort()).toEqual(['checkpoint.safetensors', 'loss.csv', 'loss.svg']);
    expect(r.stdout).toContain(`more samples: npm run recur -- sample --from ${dir} --n 20\n`);
    // The printed command's arguments work from the caller's directory.
    const s = await cli(['sample', '--from', 'runs/demo', '--n', '2', '--backend', 'ts'], { env });
    expect(s.code).toBe(0);
    expect(s.stdout.trimEnd().split('\n')).toHaveLength(2);
    // Without npm the hint is the installed bin.
    const plain = await cli(['train', '--out', join(caller, 'plain'), '--data', join(caller, 'data/words.txt'), ...TINY, '--steps', '1', '--backend', 'ts']);
    expect(plain.stdout).toContain(`more samples: recur sample --from ${join(caller, 'plain')} --n 20\n`);
  });

  it('--help says how relative paths resolve', async () => {
    for (const command of ['train', 'sample']) {
      const r = await cli([command, '--help']);
      expect(r.stdout).toContain("Relative paths (--data, --out, --resume, --from) are resolved against the directory\nyou ran the command in; under 'npm run recur -- ...' that is npm's INIT_CWD, not the repo root.");
    }
  });
});
