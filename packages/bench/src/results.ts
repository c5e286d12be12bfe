/** The shape of one measured (or not measured) line, and of the JSON results document. */
import type { Dtype, Item } from './plan.js';

/**
 * ok: measured. missing: the system is not on this machine. unsupported: the system cannot
 * run this work (e.g. TF.js has no float64). timeout: not run, because its time predicted
 * from a smaller item of the same system exceeds the per-run cap. error: the run failed.
 */
export type Status = 'ok' | 'missing' | 'unsupported' | 'timeout' | 'error';

/**
 * Which per-call time GFLOP/s and ratios use. 'best' (the default) suits a shared machine:
 * other jobs' load only ever adds time, so the fastest of N calls is the least disturbed.
 */
export type RatioBasis = 'best' | 'median';

export function basisMs(m: Measurement, basis: RatioBasis): number | undefined {
  return basis === 'best' ? m.bestMs : m.medianMs;
}

export interface Measurement {
  system: string;
  label: string;
  threads: number;
  item: Item;
  status: Status;
  note?: string;
  /** Set when one call was killed for running over the hard cap: a lower bound on its time. */
  killedAfterSec?: number;
  /** Timed samples (N) and calls per sample. */
  n?: number;
  inner?: number;
  medianMs?: number;
  bestMs?: number;
  /** Nominal GEMM FLOPs (see plan.ts) over the time of the ratio basis. */
  gflops?: number;
  /** This time over recur native (1 thread)'s on the same item (ratio basis): above 1, native is faster. */
  vsNative1t?: number;
}

export interface SystemInfo {
  id: string;
  label: string;
  threads: number;
  /** The dtypes this system was asked to run. */
  dtypes: Dtype[];
  status: 'ok' | 'missing';
  version?: string;
  reason?: string;
  details?: Record<string, unknown>;
}
