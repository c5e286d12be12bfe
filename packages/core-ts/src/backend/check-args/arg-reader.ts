/**
 * Reading and checking one kernel call's arguments, in signature order, with the native
 * addon's checks and messages (crates/node: call_args.rs, arrays.rs, exports/*): a
 * TypeError for a wrong kind of value, a RangeError for a wrong size. Everything is
 * checked before any memory is touched.
 */
import { formatShape } from '../../errors.ts';
import { describe, jsNumber, typedArrayName } from './describe-value.ts';

/** Largest accepted dimension (Number.MAX_SAFE_INTEGER), as the native addon. */
const MAX_DIM = Number.MAX_SAFE_INTEGER;
/** usize on the 64-bit native build: sizes above it "do not fit in memory". */
const USIZE_MAX = (1n << 64n) - 1n;

export type ArrayKind = 'Float32Array' | 'Float64Array' | 'Int32Array';
export type Dtype = 'f32' | 'f64';

/** A checked typed-array argument. */
export interface ArrayArg {
  readonly name: string;
  readonly kind: ArrayKind;
  readonly view: Float32Array | Float64Array | Int32Array;
  readonly detached: boolean;
}

/** Product of dims folded left as the native addon's checked_mul, or null on usize overflow. */
export function product(dims: readonly number[]): bigint | null {
  let acc = 1n;
  for (const d of dims) {
    acc *= BigInt(d);
    if (acc > USIZE_MAX) return null;
  }
  return acc;
}

export function shapeLen(func: string, name: string, shape: readonly number[]): bigint {
  const n = product(shape);
  if (n === null) {
    throw new RangeError(`${func}: ${name} of shape ${formatShape(shape)} has more elements than memory can hold`);
  }
  return n;
}

function isDetached(view: ArrayBufferView): boolean {
  if (view.byteLength !== 0) return false;
  try {
    new Uint8Array(view.buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function isShared(view: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && view.buffer instanceof SharedArrayBuffer;
}

function checkLen(func: string, a: ArrayArg, expected: bigint, ok: boolean, shape: readonly number[], labels: string, qual: string): void {
  if (a.detached && expected > 0n) {
    throw new TypeError(`${func}: ${a.name}'s ArrayBuffer is detached (transferred); expected ${qual}${expected} elements`);
  }
  if (!ok) {
    throw new RangeError(
      `${func}: ${a.name} must have ${qual}${expected} elements for shape ${formatShape(shape)} [${labels}], got ${a.view.length}`,
    );
  }
}

/** `shape` and `labels` (e.g. "T, B, X") describe the expected layout in the message. */
export function expectLen(func: string, a: ArrayArg, shape: readonly number[], labels: string): void {
  const expected = shapeLen(func, a.name, shape);
  checkLen(func, a, expected, BigInt(a.view.length) === expected, shape, labels, '');
}

/** For strided matrices: at least `expected` elements. */
export function expectMinLen(func: string, a: ArrayArg, expected: bigint, shape: readonly number[], labels: string): void {
  checkLen(func, a, expected, BigInt(a.view.length) >= expected, shape, labels, 'at least ');
}

/** All float arrays of one call share one dtype; the first one decides. */
export function commonDtype(func: string, arrays: readonly ArrayArg[]): Dtype {
  const first = arrays[0];
  for (const a of arrays.slice(1)) {
    if (a.kind !== first.kind) {
      throw new TypeError(
        `${func}: ${a.name} is a ${a.kind} but ${first.name} is a ${first.kind}: all float arrays of one call must be Float64Array, or all Float32Array`,
      );
    }
  }
  return first.kind === 'Float32Array' ? 'f32' : 'f64';
}

/** RangeError naming both when two outputs share memory. */
export function checkDisjointOutputs(func: string, outs: readonly ArrayArg[]): void {
  for (let i = 0; i < outs.length; i++) {
    for (let j = i + 1; j < outs.length; j++) {
      const a = outs[i].view;
      const b = outs[j].view;
      if (a.byteLength === 0 || b.byteLength === 0 || a.buffer !== b.buffer) continue;
      if (a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength) {
        throw new RangeError(`${func}: outputs ${outs[i].name} and ${outs[j].name} overlap in memory; pass separate arrays`);
      }
    }
  }
}

export type CellCode = 0 | 1 | 2;
/** The cells by code: CELL_NAMES[code] is the name the kernel interface spells. */
export const CELL_NAMES = ['rnn', 'lstm', 'gru'] as const;

/** Hands out the call's arguments in order, each decoded and named after its slot. */
export class ArgReader {
  private next = 0;
  constructor(
    private readonly func: string,
    private readonly names: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  private take(): [string, unknown] {
    const i = this.next++;
    return [this.names[i], this.values[i]];
  }

  /** Passes over an argument this call does not use (e.g. c0 for a GRU). */
  skip(): undefined {
    this.next++;
    return undefined;
  }

  private typeError(name: string, expected: string, v: unknown): TypeError {
    return new TypeError(`${this.func}: ${name} must be ${expected}, got ${describe(v)}`);
  }

  /** A non-negative integer (TypeError if not a number, RangeError if NaN, negative, fractional or above 2**53 - 1). */
  dim(): number {
    const [name, v] = this.take();
    if (typeof v !== 'number') throw this.typeError(name, 'a non-negative integer', v);
    if (!(v >= 0 && v <= MAX_DIM && Number.isInteger(v))) {
      throw new RangeError(`${this.func}: ${name} must be a non-negative integer, got ${jsNumber(v)}`);
    }
    return v;
  }

  number(): number {
    const [name, v] = this.take();
    if (typeof v !== 'number') throw this.typeError(name, 'a number', v);
    return v;
  }

  boolean(): boolean {
    const [name, v] = this.take();
    if (typeof v !== 'boolean') throw this.typeError(name, 'a boolean', v);
    return v;
  }

  /** undefined / null -> false. */
  optBoolean(): boolean {
    const [name, v] = this.take();
    if (typeof v === 'boolean') return v;
    if (v === undefined || v === null) return false;
    throw this.typeError(name, 'a boolean', v);
  }

  /** 0 / 1 / 2 or 'rnn' / 'lstm' / 'gru'. */
  cell(): CellCode {
    const [name, v] = this.take();
    if (typeof v === 'number') {
      if (v === 0 || v === 1 || v === 2) return v;
      throw new RangeError(`${this.func}: ${name} must be 'rnn', 'lstm' or 'gru' (or their codes 0, 1, 2), got ${jsNumber(v)}`);
    }
    const code = CELL_NAMES.indexOf(v as (typeof CELL_NAMES)[number]);
    if (code >= 0) return code as CellCode;
    if (typeof v === 'string') {
      throw new RangeError(`${this.func}: ${name} must be 'rnn', 'lstm' or 'gru', got '${v.slice(0, 15)}'`);
    }
    throw this.typeError(name, "'rnn', 'lstm' or 'gru'", v);
  }

  /** undefined / null -> undefined; otherwise one of `allowed` (`expected` spells them for the TypeError). */
  optActivation(allowed: readonly string[], expected: string): string | undefined {
    const [name, v] = this.take();
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.typeError(name, expected, v);
    if (!allowed.includes(v)) throw new TypeError(`${this.func}: ${name} must be ${expected}, got '${v.slice(0, 31)}'`);
    return v;
  }

  private array(name: string, v: unknown, kinds: readonly ArrayKind[], expected: string): ArrayArg {
    const kind = typedArrayName(v);
    if (kind === undefined || !(kinds as readonly string[]).includes(kind)) {
      throw new TypeError(`${this.func}: ${name} must be ${expected}, got ${describe(v)}`);
    }
    const view = v as Float32Array | Float64Array | Int32Array;
    if (isShared(view)) {
      throw new TypeError(
        `${this.func}: ${name} is a view of a SharedArrayBuffer, which another thread may write while the kernel reads it (a data race); copy it into a ${kind} over a plain ArrayBuffer`,
      );
    }
    return { name, kind: kind as ArrayKind, view, detached: isDetached(view) };
  }

  floatArray(): ArrayArg {
    const [name, v] = this.take();
    return this.array(name, v, ['Float32Array', 'Float64Array'], 'a Float64Array or Float32Array');
  }

  /** undefined / null -> undefined. */
  optFloatArray(): ArrayArg | undefined {
    const [name, v] = this.take();
    if (v === undefined || v === null) return undefined;
    return this.array(name, v, ['Float32Array', 'Float64Array'], 'a Float64Array or Float32Array');
  }

  /** undefined / null -> undefined. */
  optInt32Array(): ArrayArg | undefined {
    const [name, v] = this.take();
    if (v === undefined || v === null) return undefined;
    return this.array(name, v, ['Int32Array'], 'an Int32Array');
  }
}
