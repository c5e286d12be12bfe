/** Shared test helpers: in-process CLI runs with captured output, temp dirs, backends under test. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CliIO } from '../src/io.js';
import { main } from '../src/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions {
  isTTY?: boolean;
  columns?: number;
  /** A fake clock (ms) for progress output. */
  now?: () => number;
  signal?: AbortSignal;
  /** The environment the CLI sees (default none: no npm variables). */
  env?: Record<string, string>;
}

export function captureIO(options: CaptureOptions = {}): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 100,
    now: options.now ?? (() => performance.now()),
    env: options.env ?? {},
  };
  return { io, out, err };
}

/** Runs `recur <argv>` in this process. */
export async function cli(argv: readonly string[], options: CaptureOptions = {}): Promise<CliRun> {
  const { io, out, err } = captureIO(options);
  const code = await main(argv, io, { signal: options.signal });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'recur-cli-'));
  dirs.push(d);
  return d;
}

export async function writeText(dir: string, name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

/** 'ts' always; 'native' when @recur/native loads (required under RECUR_REQUIRE_NATIVE=1). */
export async function backendsUnderTest(): Promise<Array<'ts' | 'native'>> {
  const required = process.env.RECUR_REQUIRE_NATIVE === '1';
  try {
    const native = (await import('@recur/native')) as { available: boolean; reason?: string };
    if (native.available) return ['ts', 'native'];
    if (required) throw new Error(`RECUR_REQUIRE_NATIVE=1 but @recur/native is not available: ${native.reason}`);
  } catch (err) {
    if (required) throw err;
  }
  return ['ts'];
}

/** Small and quick settings for training tests. */
export const TINY = ['--hidden', '8', '--batch', '6', '--seq-len', '10', '--sample-every', '0'];
