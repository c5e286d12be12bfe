/** The JSON results document (results/latest.json) and lookups into it. */
import type { Machine } from '../machine.js';
import type { MeasuredPeak } from '../peak.js';
import { gemmId, recurrentId, type Cell, type Dtype, type RecurrentWork } from '../plan.js';
import type { Measurement, RatioBasis, SystemInfo } from '../results.js';
import type { TimingOptions } from '../timing.js';

export const SCHEMA = 'recur-bench/1';

export interface ResultsDocument {
  schema: typeof SCHEMA;
  date: string;
  durationSec: number;
  command: string;
  machine: Machine & { loadAverageAtEnd: number[]; measuredPeak: MeasuredPeak | null; measuredPeakProblem: string | null };
  options: Record<string, unknown>;
  timing: TimingOptions;
  ratioBasis: RatioBasis;
  systems: SystemInfo[];
  measurements: Measurement[];
}

export function find(doc: ResultsDocument, system: string, itemId: string): Measurement | undefined {
  return doc.measurements.find((m) => m.system === system && m.item.id === itemId);
}

export function ok(m: Measurement | undefined): m is Measurement & { medianMs: number; bestMs: number } {
  return m !== undefined && m.status === 'ok' && m.medianMs !== undefined && m.bestMs !== undefined;
}

/** The time (ms) GFLOP/s and ratios use in this document. */
export function timeMs(doc: ResultsDocument, m: Measurement & { medianMs: number; bestMs: number }): number {
  return doc.ratioBasis === 'median' ? m.medianMs : m.bestMs;
}

/**
 * A system's measurement on the big shape, falling back to big at T=10 when the full T was
 * not run; with native 1 thread's measurement on the same item.
 */
export function bigPair(
  doc: ResultsDocument,
  system: string,
  cell: Cell,
  work: RecurrentWork,
  dtype: Dtype,
  baseline = 'native-1t',
): { m: Measurement & { medianMs: number; bestMs: number }; base: Measurement & { medianMs: number; bestMs: number }; shape: string } | null {
  for (const shape of ['big', 'big-T10']) {
    const id = recurrentId(cell, work, shape, dtype);
    const m = find(doc, system, id);
    const base = find(doc, baseline, id);
    if (ok(m) && ok(base)) return { m, base, shape };
  }
  return null;
}

export function gemmMeasurement(doc: ResultsDocument, system: string, shape: string, dtype: Dtype): Measurement | undefined {
  return find(doc, system, gemmId(shape, dtype));
}

/** The multi-thread native system, if the run had one. */
export function nativeAllThreads(doc: ResultsDocument): SystemInfo | undefined {
  return doc.systems.find((s) => s.id.startsWith('native-') && s.threads > 1);
}
