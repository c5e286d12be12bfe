/** Fuzz cases for Tensor.from, Tensor.zeros and Tensor#get. */
import { Tensor } from '@recur/core';
import fc from 'fast-check';
import { smallDim, hugeDim, invalidDim } from '../arbitraries/shapes.js';
import { detach, junk } from '../arbitraries/junk.js';
import { ValueSource, valueSpec, chance, sometimes, type SpecOf, type ValueSpec } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

type DtypeArg = 'none' | 'float32' | 'float64' | 'bad';
const dtypeArg = fc.constantFrom<DtypeArg>('none', 'float32', 'float64', 'float64', 'bad');
const BAD_DTYPES: readonly unknown[] = ['float16', 'int32', 'Float64', '', null, 64, {}];

const shape = fc.array(smallDim, { maxLength: 4 });

function size(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** Nested arrays of `dims` holding `flat` (row-major). */
function nest(flat: readonly number[], dims: readonly number[]): unknown {
  if (dims.length === 0) return flat[0];
  const [n, ...rest] = dims;
  const inner = size(rest);
  return Array.from({ length: n }, (_, i) => nest(flat.slice(i * inner, (i + 1) * inner), rest));
}

function values(spec: ValueSpec, n: number): number[] {
  const out = new Float64Array(n);
  new ValueSource(spec, 1).fill(out, 3);
  return Array.from(out);
}

/** The tensor must have `dims`, `dtype` and hold `flat` (rounded to float32 when it is float32). */
function expectTensor(dims: readonly number[], dtype: string, flat: readonly number[]): (v: unknown) => string | null {
  return (v) => {
    if (!(v instanceof Tensor)) return 'not a Tensor';
    if (v.dtype !== dtype) return `dtype ${v.dtype}, expected ${dtype}`;
    if (v.shape.length !== dims.length || v.shape.some((d, i) => d !== dims[i])) return `shape (${v.shape.join(', ')}), expected (${dims.join(', ')})`;
    if (v.data.length !== flat.length) return `data length ${v.data.length}, expected ${flat.length}`;
    for (let i = 0; i < flat.length; i++) {
      const want = dtype === 'float32' ? Math.fround(flat[i]) : flat[i];
      if (!Object.is(v.data[i], want) && !(Number.isNaN(v.data[i]) && Number.isNaN(want))) return `data[${i}] = ${v.data[i]}, expected ${want}`;
    }
    return null;
  };
}

function dtypeValue(d: DtypeArg, pick: number): unknown {
  return d === 'bad' ? BAD_DTYPES[pick % BAD_DTYPES.length] : d === 'none' ? undefined : d;
}

/** How the input of a Tensor.from case is spoiled (or 'none'). */
type FromFault = 'none' | 'ragged' | 'leaf' | 'junk' | 'typedShape' | 'detached' | 'deep';

export const tensorFromSpec = fc.record({
  dims: shape,
  dtype: dtypeArg,
  pick: fc.nat(),
  values: valueSpec,
  source: fc.constantFrom('nested', 'typed', 'number', 'tensor'),
  typed: fc.constantFrom('Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array', 'Int16Array', 'BigInt64Array', 'DataView'),
  fault: fc.oneof({ arbitrary: fc.constant<FromFault>('none'), weight: 4 }, fc.constantFrom<FromFault>('ragged', 'leaf', 'junk', 'typedShape', 'detached', 'deep')),
});

const LEAVES: readonly unknown[] = ['1', null, undefined, true, {}, 1n, [[]], Symbol('s')];

export function tensorFromCase(s: SpecOf<typeof tensorFromSpec>): FuzzCase {
  const n = size(s.dims);
  const flat = values(s.values, n);
  const dt = dtypeValue(s.dtype, s.pick);
  const badDtype = s.dtype === 'bad' && dt !== undefined;
  const outDtype = (typed: boolean) => (s.dtype === 'float32' || s.dtype === 'float64' ? s.dtype : typed && s.typed === 'Float32Array' ? 'float32' : 'float64');

  if (s.fault === 'junk') return { valid: false, dtype: 'float64', run: () => Tensor.from(junk(s.pick) as never, dt as never) };
  if (s.fault === 'deep') {
    // Nesting far deeper than any real tensor: must end in an error or a result, not a crash.
    return { valid: false, dtype: 'float64', run: () => { let v: unknown = 1; for (let i = 0; i < 20_000; i++) v = [v]; return Tensor.from(v as never); } };
  }
  if (s.source === 'number' && s.fault === 'none') {
    const v = flat[0] ?? 0.5;
    return { valid: !badDtype, dtype: 'float64', run: () => Tensor.from(v, dt as never), expect: expectTensor([], outDtype(false), [v]) };
  }
  if (s.source === 'typed' || s.fault === 'typedShape' || s.fault === 'detached') {
    const make = (): unknown => {
      switch (s.typed) {
        case 'BigInt64Array': return new BigInt64Array(n);
        case 'DataView': return new DataView(new ArrayBuffer(8 * n));
        default: {
          const C = { Float64Array, Float32Array, Int32Array, Uint8Array, Int16Array }[s.typed];
          const a = new C(n);
          a.set(s.typed === 'Float64Array' || s.typed === 'Float32Array' ? flat : flat.map((x) => (Number.isFinite(x) ? Math.round(x) : 0)));
          return a;
        }
      }
    };
    // A typed array with a wrong shape: one more element than the shape holds.
    const shapeArg = s.fault === 'typedShape' ? [...s.dims, 1].map((d, i) => (i === 0 ? d + 1 : d)) : s.dims;
    const supported = s.typed !== 'BigInt64Array' && s.typed !== 'DataView';
    const valid = s.fault === 'none' && !badDtype && supported;
    return {
      valid,
      dtype: 'float64',
      run: () => {
        const a = make();
        if (s.fault === 'detached' && ArrayBuffer.isView(a)) detach(a.buffer);
        return dt === undefined ? Tensor.from(a as never, shapeArg) : Tensor.from(a as never, shapeArg, dt as never);
      },
      expect: valid ? (v) => expectTensor(s.dims, outDtype(true), Array.from(make() as ArrayLike<number>))(v) : undefined,
    };
  }
  if (s.source === 'tensor' && s.fault === 'none') {
    return {
      valid: !badDtype,
      dtype: 'float64',
      run: () => Tensor.from(new Tensor(Float64Array.from(flat), s.dims), dt as never),
      expect: expectTensor(s.dims, outDtype(false), flat),
    };
  }
  // Nested arrays, possibly ragged or with a bad leaf.
  const build = (): unknown => {
    const nested = nest(flat, s.dims);
    if (s.fault === 'ragged' && Array.isArray(nested) && nested.length > 1) {
      const last = nested[nested.length - 1];
      nested[nested.length - 1] = Array.isArray(last) ? [...last, 0] : [last];
    } else if (s.fault === 'leaf' && n > 0) {
      let v = nested as unknown[];
      while (Array.isArray(v[0])) v = v[0] as unknown[];
      v[0] = LEAVES[s.pick % LEAVES.length];
    }
    return nested;
  };
  const valid = (s.fault === 'none' || (s.fault === 'ragged' && !(s.dims.length > 0 && s.dims[0] > 1))) && !badDtype;
  return {
    valid,
    dtype: 'float64',
    run: () => Tensor.from(build() as never, dt as never),
    // An empty leading axis hides what is below it, as in NumPy: shape (0,) whatever the rest.
    expect: valid && s.fault === 'none' ? expectTensor(n === 0 && s.dims.length > 0 ? s.dims.slice(0, s.dims.indexOf(0) + 1) : s.dims, outDtype(false), flat) : undefined,
  };
}

export const tensorZerosSpec = fc.record({
  dims: fc.array(fc.oneof({ arbitrary: smallDim, weight: 8 }, { arbitrary: hugeDim, weight: 1 }), { maxLength: 5 }),
  bad: sometimes(fc.record({ at: fc.nat(), dim: invalidDim }), 4),
  dtype: dtypeArg,
  pick: fc.nat(),
  shapeJunk: chance(10),
});

export function tensorZerosCase(s: SpecOf<typeof tensorZerosSpec>): FuzzCase {
  const huge = s.dims.filter((d) => d > 1e6).length;
  // One huge dim alone could be a real (lazily committed) allocation: pair it with 0 or another huge dim.
  const dims = huge === 1 ? [...s.dims, 0] : [...s.dims];
  const shapeArg: unknown[] = [...dims];
  if (s.bad) shapeArg.splice(s.bad.at % (shapeArg.length + 1), 0, s.bad.dim);
  const dt = dtypeValue(s.dtype, s.pick);
  const fitsMemory = size(dims) < 2 ** 24;
  const valid = !s.bad && !s.shapeJunk && s.dtype !== 'bad' && fitsMemory;
  return {
    valid,
    dtype: 'float64',
    run: () => (s.shapeJunk ? Tensor.zeros(junk(s.pick) as never, dt as never) : Tensor.zeros(shapeArg as never, dt as never)),
    expect: valid ? expectTensor(dims, s.dtype === 'float32' ? 'float32' : 'float64', new Array(size(dims)).fill(0)) : undefined,
  };
}

export const tensorGetSpec = fc.record({
  dims: shape,
  values: valueSpec,
  index: fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 5 }),
  bad: sometimes(fc.record({ at: fc.nat(), value: fc.constantFrom<unknown>(1.5, NaN, Infinity, -Infinity, 2 ** 53, '0', null, undefined, 0n, -0) }), 4),
  float32: fc.boolean(),
});

export function tensorGetCase(s: SpecOf<typeof tensorGetSpec>): FuzzCase {
  const n = size(s.dims);
  const flat = values(s.values, n);
  // Half the cases use an index of the right arity.
  const index: unknown[] = s.index.length % 2 === 0 ? s.dims.map((_, k) => s.index[k] ?? 0) : [...s.index];
  if (s.bad) index.splice(s.bad.at % (index.length + 1), 0, s.bad.value);
  const inRange = index.length === s.dims.length && index.every((i, k) => typeof i === 'number' && Number.isInteger(i) && i >= -s.dims[k] && i < s.dims[k]);
  const offset = inRange ? index.reduce<number>((o, i, k) => o * s.dims[k] + (((i as number) + s.dims[k]) % s.dims[k]), 0) : -1;
  const dtype = s.float32 ? 'float32' : 'float64';
  return {
    valid: inRange,
    dtype,
    run: () => new Tensor(s.float32 ? Float32Array.from(flat) : Float64Array.from(flat), s.dims).get(...(index as number[])),
    expect: (v) => {
      const want = s.float32 ? Math.fround(flat[offset]) : flat[offset];
      return Object.is(v, want) || (Number.isNaN(v as number) && Number.isNaN(want)) ? null : `get(${index.join(', ')}) = ${String(v)}, expected ${want}`;
    },
  };
}
