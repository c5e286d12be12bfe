/**
 * The measured FMA peak of one core (peak/fma-peak.c), when a C compiler is present: the
 * physical limit to hold GEMM GFLOP/s against, next to the theoretical peak at the clock
 * /proc/cpuinfo reports (in a VM often the nominal clock, which turbo exceeds). On a shared
 * machine other jobs' load can only lower it, so the bench takes the best of two runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Machine } from './machine.js';

export interface MeasuredPeak {
  f32: number;
  f64: number;
  lanes32: number;
  /** f32 peak / (2 FMA units × lanes × 2 FLOPs): the clock the loop ran at, if 2 FMA units. */
  impliedGhz: number;
}

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'peak', 'fma-peak.c');

export class FmaPeak {
  private readonly dir = mkdtempSync(join(tmpdir(), 'recur-bench-peak-'));
  private readonly exe = join(this.dir, 'fma-peak');
  readonly problem: string | null;

  constructor(simd: Machine['simd']) {
    const flags = simd === 'avx512' ? ['-mavx512f', '-mfma'] : simd === 'avx2+fma' ? ['-mavx2', '-mfma'] : null;
    if (flags === null) {
      this.problem = `no FMA loop for SIMD level ${simd}`;
      return;
    }
    const cc = process.env.CC ?? 'cc';
    const r = spawnSync(cc, ['-O2', ...flags, '-o', this.exe, SOURCE], { encoding: 'utf8', timeout: 60_000 });
    this.problem = r.status === 0 ? null : `could not compile peak/fma-peak.c with ${cc}: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}`;
  }

  measure(): MeasuredPeak | null {
    if (this.problem !== null) return null;
    const r = spawnSync(this.exe, [], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) return null;
    const p = JSON.parse(r.stdout) as Omit<MeasuredPeak, 'impliedGhz'>;
    return { ...p, impliedGhz: p.f32 / (2 * p.lanes32 * 2) };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function bestPeak(a: MeasuredPeak | null, b: MeasuredPeak | null): MeasuredPeak | null {
  if (a === null || b === null) return a ?? b;
  return a.f32 >= b.f32 ? { ...a, f64: Math.max(a.f64, b.f64) } : { ...b, f64: Math.max(a.f64, b.f64) };
}
