/**
 * Adaptive measurement of one item on one worker, the same for every system: a warm-up
 * call sizes the run (calls per sample so a sample lasts at least a few ms, samples so the
 * item takes about `itemBudgetSec`), then median and best of N per-call times. The samples
 * themselves are taken by the orchestrator, in turns with the other systems of the item.
 *
 * Slow calls: one that takes longer than `capSec` is reported as that single cold call;
 * one still running after `hardCapSec` is killed and reported as a timeout; and an item
 * whose time, predicted by FLOPs from a smaller item of the same system, exceeds three times
 * the hard cap is not started (a timeout too, saying so).
 */
import type { Item } from './plan.js';
import type { Measurement } from './results.js';
import type { WorkerClient } from './worker-client.js';

export interface TimingOptions {
  /** Target seconds of timed calls per item. */
  itemBudgetSec: number;
  /** A call longer than this is not repeated. */
  capSec: number;
  /** A call longer than this is killed (timeout). */
  hardCapSec: number;
  minReps: number;
  maxReps: number;
  /** Shortest sample; faster calls are batched. */
  minSampleSec: number;
  /** Fixed number of samples, one call each, no warm-up (the smoke test uses 1). */
  fixedReps?: number;
}

export type Outcome = Pick<Measurement, 'status' | 'note' | 'killedAfterSec' | 'n' | 'inner' | 'medianMs' | 'bestMs'>;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The largest earlier item of this system that ran long enough to predict `item` by FLOPs;
 * `atLeast` when that item was killed at the cap (its time, hence the prediction, is a bound).
 */
export function predictSeconds(item: Item, earlier: ReadonlyMap<string, Measurement>): { sec: number; from: Item; atLeast: boolean } | null {
  for (const id of item.predictFrom) {
    const m = earlier.get(id);
    if (m?.killedAfterSec !== undefined) return { sec: m.killedAfterSec * (item.flops / m.item.flops), from: m.item, atLeast: true };
    if (m?.status === 'ok' && m.medianMs !== undefined && m.medianMs >= 20) {
      return { sec: (m.medianMs / 1000) * (item.flops / m.item.flops), from: m.item, atLeast: false };
    }
  }
  return null;
}

function samplesOutcome(samples: number[], inner: number, note?: string): Outcome {
  const ms = samples.map((s) => s * 1000);
  return { status: 'ok', n: ms.length, inner, medianMs: median(ms), bestMs: Math.min(...ms), note };
}

/** What the warm-up decided: `reps` samples of `inner` calls each, still to be timed. */
export interface TimedPlan {
  reps: number;
  inner: number;
}

/**
 * Prepares `item` on the worker and makes the warm-up call: either a final outcome (not
 * started, unsupported, killed, one cold call only, error) or the plan of timed samples.
 */
export async function startItem(
  client: WorkerClient,
  item: Item,
  earlier: ReadonlyMap<string, Measurement>,
  o: TimingOptions,
): Promise<{ outcome: Outcome } | { plan: TimedPlan }> {
  const hang = 10 * o.hardCapSec + 60; // only to catch a hung worker
  if (o.fixedReps === undefined) {
    const p = predictSeconds(item, earlier);
    if (p?.atLeast && p.sec > o.hardCapSec) {
      return { outcome: { status: 'timeout', note: `not started: ${p.from.shape} already ran over the ${o.hardCapSec} s cap` } };
    }
    if (p !== null && p.sec > 3 * o.hardCapSec) {
      return { outcome: { status: 'timeout', note: `not started: ${p.sec.toFixed(0)} s per call predicted from ${p.from.shape} (by FLOPs) is over 3× the ${o.hardCapSec} s cap` } };
    }
  }
  const prep = await client.request({ op: 'prepare', item }, hang);
  if (!prep.ok) {
    return { outcome: prep.unsupported !== undefined ? { status: 'unsupported', note: prep.unsupported } : { status: 'error', note: prep.error } };
  }
  if (o.fixedReps !== undefined) return { plan: { reps: o.fixedReps, inner: 1 } };
  const warm = await client.request({ op: 'time', reps: 1, inner: 1 }, o.hardCapSec);
  if (warm.timedOut) return { outcome: { status: 'timeout', killedAfterSec: o.hardCapSec, note: `killed: one call ran over the ${o.hardCapSec} s cap` } };
  if (!warm.ok || !warm.samples?.length) return { outcome: { status: 'error', note: warm.error ?? 'no samples' } };
  const t0 = warm.samples[0];
  if (t0 > o.capSec) return { outcome: samplesOutcome(warm.samples, 1, `one cold call only: over ${o.capSec} s`) };
  const inner = t0 < o.minSampleSec ? Math.min(100_000, Math.ceil(o.minSampleSec / Math.max(t0, 1e-7))) : 1;
  let reps = Math.max(o.minReps, Math.min(o.maxReps, Math.floor(o.itemBudgetSec / (t0 * inner))));
  // Slow calls: at most about one cap of timed calls after the warm-up.
  if (t0 * reps > o.capSec) reps = Math.max(1, Math.floor(o.capSec / t0));
  return { plan: { reps, inner } };
}

/** One timed sample (`inner` calls) of the prepared item, in seconds per call, or an error. */
export async function timeSample(client: WorkerClient, inner: number, o: TimingOptions): Promise<number | { error: string }> {
  const r = await client.request({ op: 'time', reps: 1, inner }, 10 * o.hardCapSec + 60);
  return r.ok && r.samples?.length ? r.samples[0] : { error: r.error ?? 'no samples' };
}

export function timedOutcome(samples: number[], inner: number): Outcome {
  return samplesOutcome(samples, inner);
}
