/**
 * The machine the bench ran on, from /proc/cpuinfo, and the theoretical peak of one core:
 * 2 FMA units × SIMD lanes × 2 FLOPs per FMA × clock. The clock is /proc/cpuinfo's
 * "cpu MHz" at start-up (in a VM often the nominal clock; turbo can exceed it).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Machine {
  cpu: string;
  /** The SIMD-related flags present (the full flag list is long and mostly irrelevant). */
  simdFlags: string[];
  simd: 'avx512' | 'avx2+fma' | 'sse2' | 'unknown';
  mhz: number | null;
  threads: number;
  /** Peak GFLOP/s of one core, or null when the clock is unknown. */
  peakPerCore: { f32: number; f64: number } | null;
  peakFormula: string;
  loadAverageAtStart: number[];
}

const SIMD_FLAGS = ['sse2', 'sse4_2', 'avx', 'avx2', 'fma', 'f16c', 'avx512f', 'avx512dq', 'avx512bw', 'avx512vl', 'avx512_vnni', 'avx512_bf16', 'avx512_fp16', 'amx_tile'];

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

export function describeMachine(cpuinfo = readCpuinfo()): Machine {
  const field = (name: string): string | undefined => cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim();
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  const simd = flags.has('avx512f') ? 'avx512' : flags.has('avx2') && flags.has('fma') ? 'avx2+fma' : flags.has('sse2') ? 'sse2' : 'unknown';
  const mhzText = field('cpu MHz');
  const mhz = mhzText ? Number(mhzText) : null;
  // f32 lanes per vector register; FMA-less SSE2 counts one add and one mul pipe instead.
  const lanes = simd === 'avx512' ? 16 : simd === 'avx2+fma' ? 8 : 4;
  const peak32 = mhz === null || simd === 'unknown' ? null : (2 * lanes * 2 * mhz) / 1000;
  return {
    cpu: field('model name') ?? 'unknown CPU',
    simdFlags: SIMD_FLAGS.filter((f) => flags.has(f)),
    simd,
    mhz,
    threads: availableParallelism(),
    peakPerCore: peak32 === null ? null : { f32: peak32, f64: peak32 / 2 },
    peakFormula: `2 FMA units × ${lanes} f32 lanes (${simd}) × 2 FLOPs × ${mhz ?? '?'} MHz; f64 half`,
    loadAverageAtStart: loadavg(),
  };
}
