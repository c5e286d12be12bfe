/**
 * What every optimizer shares: the parameters it owns, per-parameter state slots (momentum
 * buffers, Adam moments) and a serialisable state so training resumes bit-identically.
 */
import type { NamedParameter } from '../layers/parameter.ts';
import { allocate, type FloatArray } from '../tensor.ts';

/** A plain, copyable snapshot: slots are keyed `<slot>:<parameter name>`, e.g. `m:rnn.l0.wx`. */
export interface OptimizerState {
  kind: string;
  /** Completed steps (Adam's bias correction depends on it). */
  step: number;
  slots: Record<string, FloatArray>;
}

export abstract class Optimizer {
  abstract readonly kind: string;
  /** Learning rate; may be changed between steps (schedules). */
  lr: number;
  readonly params: readonly NamedParameter[];
  protected stepCount = 0;
  protected readonly slots: Map<string, FloatArray> = new Map();

  protected constructor(owner: string, params: readonly NamedParameter[], lr: number) {
    if (!Array.isArray(params)) throw new TypeError(`${owner}: params must be an array of {name, param, grad}`);
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name)) throw new RangeError(`${owner}: two parameters are named '${p.name}'`);
      seen.add(p.name);
      if (p.param.size !== p.grad.size || p.param.dtype !== p.grad.dtype) {
        throw new RangeError(`${owner}: parameter '${p.name}' and its gradient differ in size or dtype`);
      }
    }
    this.params = [...params];
    this.lr = checkHyper(owner, 'lr', lr, 0);
  }

  /** Completed steps. */
  get steps(): number {
    return this.stepCount;
  }

  /** Applies one update from the current gradients. */
  abstract step(): void;

  /**
   * Every optimizer's step() ends here: counts the step. Anything that must know the weights
   * changed in place (a cache keyed on them) hooks in at this one place.
   */
  protected finishStep(): void {
    this.stepCount++;
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad.data.fill(0);
  }

  /** The state slot `slot` of parameter `p`, created zero-filled on first use. */
  protected slot(slot: string, p: NamedParameter): FloatArray {
    const key = `${slot}:${p.name}`;
    let s = this.slots.get(key);
    if (!s) {
      s = allocate(p.param.dtype, p.param.size);
      this.slots.set(key, s);
    }
    return s;
  }

  protected hasSlot(slot: string, p: NamedParameter): boolean {
    return this.slots.has(`${slot}:${p.name}`);
  }

  /** A deep copy of the optimizer's state. */
  state(): OptimizerState {
    const slots: Record<string, FloatArray> = {};
    for (const [k, v] of this.slots) slots[k] = v.slice();
    return { kind: this.kind, step: this.stepCount, slots };
  }

  /** Restores a state() snapshot (copied in); every slot must belong to a known parameter. */
  loadState(state: OptimizerState): void {
    const owner = `${this.kind}.loadState`;
    if (typeof state !== 'object' || state === null) throw new TypeError(`${owner}: state must be an object`);
    if (state.kind !== this.kind) throw new RangeError(`${owner}: state is for a '${String(state.kind)}' optimizer, this is '${this.kind}'`);
    if (!Number.isSafeInteger(state.step) || state.step < 0) throw new RangeError(`${owner}: step must be a non-negative integer, got ${String(state.step)}`);
    const byName = new Map(this.params.map((p) => [p.name, p]));
    const next = new Map<string, FloatArray>();
    for (const [key, value] of Object.entries(state.slots ?? {})) {
      const name = key.slice(key.indexOf(':') + 1);
      const p = byName.get(name);
      if (key.indexOf(':') < 0 || !p) throw new RangeError(`${owner}: slot '${key}' names no parameter of this optimizer`);
      if (!(value instanceof Float32Array || value instanceof Float64Array) || value.length !== p.param.size) {
        throw new RangeError(`${owner}: slot '${key}' must be a float array of ${p.param.size} entries, got ${describeArray(value)}`);
      }
      const copy = allocate(p.param.dtype, p.param.size);
      copy.set(value);
      next.set(key, copy);
    }
    this.slots.clear();
    for (const [k, v] of next) this.slots.set(k, v);
    this.stepCount = state.step;
  }
}

function describeArray(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of ${(v as unknown as ArrayLike<number>).length}`;
  return typeof v;
}

export function checkHyper(owner: string, name: string, value: unknown, min: number, maxExclusive = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value >= maxExclusive) {
    const range = maxExclusive === Infinity ? `>= ${min}` : `in [${min}, ${maxExclusive})`;
    throw new RangeError(`${owner}: ${name} must be a finite number ${range}, got ${String(value)}`);
  }
  return value;
}
