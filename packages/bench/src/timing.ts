/**
 * Adaptive measurement of one item on one worker, the same for every system: a warm-up
 * call sizes the run (calls per sample so a sample lasts at least a few ms, samples so the
 * item takes about `itemBudgetSec`), then median and best of N per-call times.
 */
import type { Item } from './plan.js';
import type { Measurement } from './results.js';
import type { WorkerClient } from './worker-client.js';

export interface TimingOptions {
  /** Target seconds of timed calls per item. */
  itemBudgetSec: number;
  /** A single call predicted (or seen) to take longer than this is not repeated / not run. */
  capSec: number;
  minReps: number;
  maxReps: number;
  /** Shortest sample; faster calls are batched. */
  minSampleSec: number;
  /** Fixed number of samples, one call each, no warm-up (the smoke test uses 1). */
  fixedReps?: number;
}

type Outcome = Pick<Measurement, 'status' | 'note' | 'n' | 'inner' | 'medianMs' | 'bestMs'>;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The largest earlier item of this system that ran long enough to predict `item` by FLOPs. */
export function predictSeconds(item: Item, earlier: ReadonlyMap<string, Measurement>): { sec: number; from: Item } | null {
  for (const id of item.predictFrom) {
    const m = earlier.get(id);
    if (m?.status === 'ok' && m.medianMs !== undefined && m.medianMs >= 20) {
      return { sec: (m.medianMs / 1000) * (item.flops / m.item.flops), from: m.item };
    }
  }
  return null;
}

export async function measureItem(
  client: WorkerClient,
  item: Item,
  earlier: ReadonlyMap<string, Measurement>,
  o: TimingOptions,
): Promise<Outcome> {
  if (o.fixedReps === undefined) {
    const p = predictSeconds(item, earlier);
    if (p !== null && p.sec > o.capSec) {
      return {
        status: 'timeout',
        note: `not run: ${p.sec.toFixed(1)} s per call predicted from ${p.from.shape} exceeds the ${o.capSec} s cap`,
      };
    }
  }
  const prep = await client.request({ op: 'prepare', item });
  if (!prep.ok) {
    return prep.unsupported !== undefined ? { status: 'unsupported', note: prep.unsupported } : { status: 'error', note: prep.error };
  }
  let reps: number;
  let inner = 1;
  let note: string | undefined;
  if (o.fixedReps !== undefined) {
    reps = o.fixedReps;
  } else {
    const warm = await client.request({ op: 'time', reps: 1, inner: 1 });
    if (!warm.ok || !warm.samples) return { status: 'error', note: warm.error };
    const t0 = warm.samples[0];
    if (t0 > o.capSec) {
      const ms = t0 * 1000;
      return { status: 'ok', n: 1, inner: 1, medianMs: ms, bestMs: ms, note: `one cold call only: it took longer than the ${o.capSec} s cap` };
    }
    inner = t0 < o.minSampleSec ? Math.min(100_000, Math.ceil(o.minSampleSec / Math.max(t0, 1e-7))) : 1;
    const minReps = t0 > o.capSec / 3 ? 2 : o.minReps;
    reps = Math.max(minReps, Math.min(o.maxReps, Math.floor(o.itemBudgetSec / (t0 * inner))));
  }
  const r = await client.request({ op: 'time', reps, inner });
  if (!r.ok || !r.samples || r.samples.length === 0) return { status: 'error', note: r.error ?? 'no samples' };
  const ms = r.samples.map((s) => s * 1000);
  return { status: 'ok', n: ms.length, inner, medianMs: median(ms), bestMs: Math.min(...ms), note };
}
