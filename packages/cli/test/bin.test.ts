/**
 * The built binary (dist/bin.js) in a child process: help, version, exit codes, a real
 * train + sample, and the atomic checkpoint under a real write failure (a file-size limit
 * makes the write fail with EFBIG part-way, as a full disk would).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../src/checkpoint/checkpoint-codec.js';
import { tempDir, TINY } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment without npm's variables: the bin must not think npm ran it (hints, INIT_CWD). */
function plainEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD'));
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, shellPrefix = ''): Run {
  const cmd = `${shellPrefix}exec "${process.execPath}" "${BIN}" ${args.map((a) => `'${a}'`).join(' ')}`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...plainEnv(), ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Node's own "(node:PID) Warning" lines (e.g. @recur/native saying its binary did not load) are not the CLI's output. */
function cliLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.length > 0 && !/^\(node:\d+\)|^\(Use `node --trace-warnings/.test(l));
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' in packages/cli first`);
});

describe('dist/bin.js', () => {
  it('starts with a shebang', async () => {
    expect((await readFile(BIN, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('--help and --version exit 0', () => {
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('recur train --out DIR [--data FILE] [options]');
    const th = run(['train', '--help']);
    expect(th.code).toBe(0);
    expect(th.stdout).toContain('--seq-len N');
    expect(run(['--version']).stdout).toBe('0.0.0\n');
  });

  it('a bad flag exits 2 with one line on stderr', () => {
    const r = run(['train', '--out', '/tmp/never-created', '--batch', '-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('recur: --batch must be an integer in 1..65536, got "-3"\n');
    expect(existsSync('/tmp/never-created')).toBe(false);
  });

  it('trains and samples end to end', async () => {
    const dir = join(await tempDir(), 'run');
    const t = run(['train', '--out', dir, ...TINY, '--steps', '5', '--backend', 'ts']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^loss \d\.\d\d -> \d\.\d\d /m);
    const s = run(['sample', '--from', dir, '--n', '4', '--backend', 'ts']);
    expect(s.code).toBe(0);
    expect(s.stdout.trimEnd().split('\n')).toHaveLength(4);
  });

  it('--backend native without a loadable binary: one clear line, exit 1, nothing written', async () => {
    const dir = join(await tempDir(), 'run');
    const r = run(['train', '--out', dir, ...TINY, '--backend', 'native'], { RECUR_NATIVE_PATH: '/nonexistent/recur.node', RECUR_REQUIRE_NATIVE: '' });
    expect(r.code).toBe(1);
    const lines = cliLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^recur: --backend native: the native backend is not available \(.+\); use --backend ts or auto$/);
    expect(existsSync(dir)).toBe(false);
    // auto falls back to wasm (native -> wasm -> ts) and says why not native.
    const auto = run(['train', '--out', dir, ...TINY, '--steps', '2'], { RECUR_NATIVE_PATH: '/nonexistent/recur.node', RECUR_REQUIRE_NATIVE: '' });
    expect(auto.code).toBe(0);
    expect(auto.stdout).toMatch(/backend wasm \(simd128, 1 thread; native not available: .+\)/);
  });

  it('--backend wasm trains on the wasm module', async () => {
    const dir = join(await tempDir(), 'run');
    const r = run(['train', '--out', dir, ...TINY, '--steps', '2', '--backend', 'wasm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/backend wasm \(simd128, 1 thread\)/);
    expect(r.stdout).toMatch(/steps\/s\) on wasm\b/);
  });

  it('a checkpoint write that fails part-way (EFBIG) leaves the previous checkpoint intact', async () => {
    const dir = join(await tempDir(), 'run');
    expect(run(['train', '--out', dir, ...TINY, '--steps', '3', '--backend', 'ts']).code).toBe(0);
    const ckpt = join(dir, 'checkpoint.safetensors');
    const before = await readFile(ckpt);
    expect(before.length).toBeGreaterThan(16 * 1024);
    // 16 KiB file-size limit: the new checkpoint's temp file hits it mid-write.
    const r = run(['train', '--resume', dir, '--steps', '6', '--backend', 'ts'], {}, 'ulimit -f 16; ');
    expect(r.code).toBe(1);
    expect(cliLines(r.stderr).filter((l) => l.startsWith('recur: '))).toEqual([
      `recur: cannot write the checkpoint ${ckpt} (EFBIG: file too large, write); the previous checkpoint, if any, is unchanged`,
    ]);
    expect(await readFile(ckpt)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['checkpoint.safetensors', 'loss.csv', 'loss.svg']);
    expect(decodeCheckpoint(new Uint8Array(before)).run.step).toBe(3);
    // The run still resumes from it once the disk has room.
    const ok = run(['train', '--resume', dir, '--steps', '6', '--backend', 'ts']);
    expect(ok.code).toBe(0);
    expect(decodeCheckpoint(new Uint8Array(await readFile(ckpt))).run.step).toBe(6);
  });

  it('Ctrl-C (SIGINT) stops after the current step, saves, and exits 130', async () => {
    const dir = join(await tempDir(), 'run');
    const child = spawn(process.execPath, [BIN, 'train', '--out', dir, ...TINY, '--steps', '100000', '--checkpoint-every', '2', '--backend', 'ts'], {
      env: plainEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // Wait for the first periodic checkpoint, then interrupt.
    const ckpt = join(dir, 'checkpoint.safetensors');
    for (let i = 0; i < 600 && !existsSync(ckpt); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(ckpt)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('stopping after this step and saving (Ctrl-C again to quit now)');
    const m = /interrupted at step (\d+) of 100000; checkpoint saved\. Continue with: recur train --resume (.+)$/m.exec(stdout);
    expect(m).not.toBeNull();
    expect(m![2]).toBe(dir);
    expect(decodeCheckpoint(new Uint8Array(await readFile(ckpt))).run.step).toBe(Number(m![1]));
  });
});
