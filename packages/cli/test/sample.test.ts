import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendsUnderTest, cli } from './helpers.js';

const backends = await backendsUnderTest();

describe.each(backends)('recur sample on %s', (backend) => {
  let root: string;
  let dir: string;
  // One trained run shared by the tests of this backend (tempDir() would delete it after the first).
  afterAll(() => rm(root, { recursive: true, force: true }));
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'recur-cli-sample-'));
    dir = join(root, 'run');
    const r = await cli(['train', '--out', dir, '--steps', '40', '--hidden', '16', '--batch', '16', '--seq-len', '16', '--sample-every', '0', '--backend', backend]);
    expect(r.code).toBe(0);
  });

  it('prints --n lines of vocabulary symbols, nothing else', async () => {
    const r = await cli(['sample', '--from', dir, '--backend', backend]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l).toMatch(/^[A-Za-z-]{0,64}$/);
    expect((await cli(['sample', '--from', dir, '--n', '3', '--backend', backend])).stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('the seed fixes the samples; another seed changes them', async () => {
    const a = await cli(['sample', '--from', dir, '--n', '20', '--seed', '5', '--backend', backend]);
    const b = await cli(['sample', '--from', dir, '--n', '20', '--seed', '5', '--backend', backend]);
    const c = await cli(['sample', '--from', dir, '--n', '20', '--seed', '6', '--backend', backend]);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('--prefix starts every sample; --max-length caps them; temperature 0 gives the same line every time', async () => {
    const p = await cli(['sample', '--from', dir, '--n', '8', '--prefix', 'Ma', '--backend', backend]);
    for (const l of p.stdout.trimEnd().split('\n')) expect(l.startsWith('Ma')).toBe(true);
    const short = await cli(['sample', '--from', dir, '--n', '30', '--max-length', '3', '--temperature', '5', '--backend', backend]);
    for (const l of short.stdout.split('\n').slice(0, 30)) expect([...l].length).toBeLessThanOrEqual(3);
    const greedy = (await cli(['sample', '--from', dir, '--n', '4', '--temperature', '0', '--prefix', 'J', '--backend', backend])).stdout.trimEnd().split('\n');
    expect(new Set(greedy).size).toBe(1);
  });
});
