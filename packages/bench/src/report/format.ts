/** Number formatting shared by the console lines, the Markdown and the chart. */
import type { Item } from '../plan.js';
import { basisMs, type Measurement, type RatioBasis } from '../results.js';

export function fmtTime(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

export function fmtGflops(g: number): string {
  return g >= 10 ? g.toFixed(1) : g >= 0.1 ? g.toFixed(2) : g.toPrecision(2);
}

export function fmtRatio(r: number): string {
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(2)}×`;
}

export function workLabel(item: Item): string {
  if (item.kind === 'gemm') return 'gemm';
  if (item.kind === 'stream') return `${item.cell} stream step`;
  const work = `${item.cell} ${item.work === 'forward' ? 'fwd' : 'fwd+bwd'}`;
  return item.kind === 'seed' ? `seed API ${work}` : work;
}

/** One cell of a summary table: the time of the ratio basis, and the ratio to native 1 thread. */
export function cellText(m: Measurement | undefined, basis: RatioBasis): string {
  if (!m) return '';
  if (m.killedAfterSec !== undefined) return `timeout (> ${m.killedAfterSec} s)`;
  const ms = basisMs(m, basis);
  if (m.status !== 'ok' || ms === undefined) return m.status;
  const ratio = m.vsNative1t === undefined ? '' : ` (${fmtRatio(m.vsNative1t)})`;
  return `${fmtTime(ms)}${ratio}`;
}

/** GFLOP/s as a share of the measured one-core FMA-loop peak times the threads used. */
export function fmaPercent(gflops: number, peakPerCore: number, threads: number): string {
  return `${((100 * gflops) / (peakPerCore * threads)).toFixed(0)}%`;
}
