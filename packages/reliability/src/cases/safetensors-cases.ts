/**
 * Fuzz cases for encodeSafetensors / decodeSafetensors as functions: random tensor sets
 * (names with unicode, empty names, 0-sized and NaN-holding tensors, both dtypes) and
 * metadata must round-trip exactly; malformed arguments (non-Tensor values, the reserved
 * name, non-string metadata, junk bytes, odd maxHeaderBytes) must throw TypeError /
 * RangeError. (Mutations of valid files are the job of the mutation fuzzer.)
 */
import { Tensor, decodeSafetensors, encodeSafetensors } from '@recur/core';
import fc from 'fast-check';
import { detachedTensor, junk } from '../arbitraries/junk.js';
import { smallDim } from '../arbitraries/shapes.js';
import { ValueSource, valueSpec, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const ENCODE_FAULTS = ['junkValue', 'reservedName', 'metadataNotString', 'tensorsJunk', 'metadataJunk', 'detached'] as const;
const DECODE_FAULTS = ['junkBytes', 'randomBytes', 'maxHeader', 'arrayBufferNotView'] as const;

export const safetensorsSpec = fc.record({
  tensors: fc.uniqueArray(
    fc.record({ name: fc.string({ unit: 'grapheme', maxLength: 12 }), shape: fc.array(smallDim, { maxLength: 3 }), float32: fc.boolean() }),
    { maxLength: 5, selector: (t) => t.name },
  ),
  metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 16 }), { maxKeys: 3 }),
  values: valueSpec,
  randomBytes: fc.uint8Array({ maxLength: 64 }),
  maxHeader: fc.constantFrom<unknown>(0, 8, 1e3, NaN, -1, Infinity, 1.5, 2 ** 53, '100', null),
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.record({ on: fc.constant('encode' as const), kind: fc.constantFrom(...ENCODE_FAULTS), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ on: fc.constant('decode' as const), kind: fc.constantFrom(...DECODE_FAULTS), pick: fc.nat() }), weight: 2 },
  ),
});
type SafetensorsSpec = SpecOf<typeof safetensorsSpec>;

function build(s: SafetensorsSpec): Record<string, Tensor> {
  const source = new ValueSource(s.values, s.tensors.length);
  const out: Record<string, Tensor> = {};
  for (const t of s.tensors) {
    const tensor = Tensor.zeros(t.shape, t.float32 ? 'float32' : 'float64');
    source.fill(tensor.data, 100);
    out[t.name] = tensor;
  }
  return out;
}

/** decode(encode(x)) must give x back: same names, dtypes, shapes and bits (NaN as NaN). */
function roundTripped(s: SafetensorsSpec, got: unknown): string | null {
  const { tensors, metadata } = got as { tensors: Record<string, Tensor>; metadata: Record<string, string> };
  const want = build(s);
  const names = Object.keys(want).filter((n) => n !== '__metadata__').sort();
  const gotNames = Object.keys(tensors).sort();
  if (names.join('\u0000') !== gotNames.join('\u0000')) return `names ${JSON.stringify(gotNames)}, expected ${JSON.stringify(names)}`;
  for (const n of names) {
    const a = want[n];
    const b = tensors[n];
    if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join()) return `tensor ${JSON.stringify(n)}: ${b.dtype} (${b.shape}) vs ${a.dtype} (${a.shape})`;
    for (let i = 0; i < a.size; i++) if (!Object.is(a.data[i], b.data[i]) && !(Number.isNaN(a.data[i]) && Number.isNaN(b.data[i]))) return `tensor ${JSON.stringify(n)}[${i}] = ${b.data[i]}, expected ${a.data[i]}`;
  }
  if (JSON.stringify(Object.entries(metadata).sort()) !== JSON.stringify(Object.entries(s.metadata).sort())) return 'metadata changed';
  return null;
}

export function safetensorsCase(s: SafetensorsSpec): FuzzCase {
  const f = s.fault;
  const reserved = s.tensors.some((t) => t.name === '__metadata__');
  if (!f || f.on === 'encode') {
    let valid = !reserved;
    let mustThrow = reserved;
    if (f) {
      valid = false;
      // A non-empty detached tensor has no bytes to write: the encoder must refuse it.
      const empty = s.tensors.length === 0 || s.tensors[f.pick % s.tensors.length].shape.includes(0);
      mustThrow = f.kind === 'detached' ? !empty || reserved : f.kind === 'junkValue' || f.kind === 'reservedName' || f.kind === 'metadataNotString' || f.kind === 'tensorsJunk' || reserved;
      // Some junk is a fine metadata object ({}, [], undefined for the default): not certain to throw.
      if (f.kind === 'metadataJunk') mustThrow = reserved;
    }
    return {
      valid,
      mustThrow,
      dtype: 'float64',
      run: () => {
        const tensors: Record<string, unknown> = build(s);
        let metadata: unknown = { ...s.metadata };
        let arg: unknown = tensors;
        if (f?.kind === 'junkValue') tensors[`junk${f.pick}`] = junk(f.pick);
        if (f?.kind === 'reservedName') tensors.__metadata__ = Tensor.zeros([1]);
        if (f?.kind === 'metadataNotString') metadata = { ...s.metadata, bad: [1, 2, 3][f.pick % 3] };
        if (f?.kind === 'tensorsJunk') arg = [null, undefined, 0, 'x', true][f.pick % 5];
        if (f?.kind === 'metadataJunk') metadata = junk(f.pick);
        if (f?.kind === 'detached' && s.tensors.length > 0) {
          const t = s.tensors[f.pick % s.tensors.length];
          tensors[t.name] = detachedTensor(t.shape, t.float32 ? 'float32' : 'float64');
        }
        const bytes = encodeSafetensors(arg as never, metadata as never);
        return decodeSafetensors(bytes);
      },
      expect: (v) => roundTripped(s, v),
    };
  }
  // Decoding things that are not safetensors bytes, or with odd limits.
  return {
    valid: false,
    mustThrow: f.kind === 'junkBytes' || f.kind === 'arrayBufferNotView' || (f.kind === 'randomBytes' && s.randomBytes.length < 8),
    dtype: 'float64',
    run: () => {
      if (f.kind === 'junkBytes') return decodeSafetensors(junk(f.pick) as never);
      if (f.kind === 'arrayBufferNotView') return decodeSafetensors(encodeSafetensors(build(s)).buffer as never);
      if (f.kind === 'randomBytes') return decodeSafetensors(s.randomBytes);
      const bytes = reserved ? new Uint8Array(8) : encodeSafetensors(build(s), s.metadata);
      return decodeSafetensors(bytes, { maxHeaderBytes: s.maxHeader as number });
    },
  };
}
