import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tensor } from '../tensor.ts';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors.ts';

/** Builds a file by hand, straight from the format's definition (independent of the encoder). */
function handMade(header: unknown, data: Uint8Array, headerText?: string): Uint8Array {
  const json = new TextEncoder().encode(headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function f32Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setFloat32(i * 4, x, true));
  return out;
}

describe('safetensors round trip', () => {
  it('keeps float32 and float64 tensors bit for bit, with metadata', () => {
    const a = Tensor.from([[1.5, -2.25, Math.PI], [0, -0, 1e-300]]);
    const b = Tensor.from(new Float32Array([0.1, 0.2, 0.3, Infinity, -Infinity, NaN]), [3, 2]);
    const empty = Tensor.zeros([0, 4], 'float32');
    const scalar = Tensor.from(7);
    const bytes = encodeSafetensors({ a, b, empty, scalar }, { format: 'recur', arch: 'lstm' });
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({ format: 'recur', arch: 'lstm' });
    expect(Object.keys(tensors).sort()).toEqual(['a', 'b', 'empty', 'scalar']);
    expect(tensors.a.dtype).toBe('float64');
    expect([...tensors.a.data]).toEqual([...a.data]);
    expect(Object.is(tensors.a.data[4], -0)).toBe(true);
    expect(tensors.b.dtype).toBe('float32');
    expect(tensors.b.shape).toEqual([3, 2]);
    expect([...tensors.b.data]).toEqual([...b.data]);
    expect(tensors.empty.shape).toEqual([0, 4]);
    expect(tensors.scalar.shape).toEqual([]);
    expect(tensors.scalar.get()).toBe(7);
  });

  it('pads the header so the data starts 8-byte aligned', () => {
    const bytes = encodeSafetensors({ x: Tensor.from([1, 2, 3]) });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
  });

  it('reads a file written straight from the format definition, F16 and BF16 included', () => {
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3555, 0x0001]).buffer); // 1, -2, 0.33325195, 2^-24
    const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0xc049]).buffer); // 1, -3.140625
    const data = new Uint8Array([...f32Bytes([1, 2]), ...f16, ...bf16]);
    const header = {
      w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      h: { dtype: 'F16', shape: [2, 2], data_offsets: [8, 16] },
      g: { dtype: 'BF16', shape: [2], data_offsets: [16, 20] },
      __metadata__: { k: 'v' },
    };
    const { tensors } = decodeSafetensors(handMade(header, data));
    expect([...tensors.w.data]).toEqual([1, 2]);
    expect([...tensors.h.data]).toEqual([1, -2, Math.fround(0.333251953125), 2 ** -24]);
    expect([...tensors.g.data]).toEqual([1, -3.140625]);
  });
});

describe('safetensors rejects malformed files with a clear error', () => {
  const good = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  const data = f32Bytes([1, 2]);
  const cases: [string, Uint8Array, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array(5), /too short/],
    ['a header length past the end', handMade(good, data).subarray(0, 20), /past the end|truncated/],
    ['truncated data', handMade(good, data).subarray(0, handMade(good, data).length - 1), /truncated|cover/],
    ['trailing bytes', handMade(good, new Uint8Array([...data, 0])), /trailing|cover/],
    ['invalid JSON', handMade(null, data, '{"w": '), /not valid JSON/],
    ['a JSON array header', handMade([1], new Uint8Array(0)), /JSON object/],
    ['an unknown dtype', handMade({ w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)), /dtype I64/],
    ['a shape that disagrees with the offsets', handMade({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, data), /needs 12 bytes/],
    ['a negative dim', handMade({ w: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, data), /invalid shape/],
    ['end before begin', handMade({ w: { dtype: 'F32', shape: [0], data_offsets: [8, 0] } }, data), /end before begin/],
    ['a huge shape', handMade({ w: { dtype: 'F64', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs/],
    [
      'overlapping tensors',
      handMade({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, data),
      /overlaps/,
    ],
    [
      'a gap between tensors',
      handMade({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [0], data_offsets: [8, 8] } }, data),
      /gap|cover/,
    ],
    ['non-string metadata', handMade({ ...good, __metadata__: { n: 1 } }, data), /__metadata__/],
    ['missing data_offsets', handMade({ w: { dtype: 'F32', shape: [2] } }, data), /data_offsets/],
    // JSON.parse keeps the last of two equal keys; the text must be checked (last-wins would hide a tensor).
    [
      'a tensor key given twice',
      handMade(null, data, '{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}'),
      /key "w" twice/,
    ],
    ['a key spelt with an escape given twice', handMade(null, data, '{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "\\u0077": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}'), /key "w" twice/],
    ['a metadata key given twice', handMade(null, data, '{"__metadata__": {"a": "1", "a": "2"}, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}'), /key "a" twice in "__metadata__"/],
    ['a field of an entry given twice', handMade(null, data, '{"w": {"dtype": "F32", "shape": [2], "shape": [2], "data_offsets": [0, 8]}}'), /key "shape" twice in "w"/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => decodeSafetensors(bytes)).toThrow(SafetensorsError);
      expect(() => decodeSafetensors(bytes)).toThrow(message);
    });
  }

  it('accepts equal keys in different objects, and key-like text inside strings', () => {
    const text = '{"__metadata__": {"w": "{\\"w\\": 1, \\"w\\": 2}", "shape": "x"}, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}';
    const { tensors, metadata } = decodeSafetensors(handMade(null, data, text));
    expect(Object.keys(tensors)).toEqual(['w']);
    expect(metadata).toEqual({ w: '{"w": 1, "w": 2}', shape: 'x' });
  });

  it('enforces the header size limit before reading the header', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(() => decodeSafetensors(bytes)).toThrow(/exceeds the limit/);
    const ok = handMade(good, data);
    expect(() => decodeSafetensors(ok, { maxHeaderBytes: 10 })).toThrow(/exceeds the limit of 10/);
  });

  it('survives random byte mutations of a valid file: a result or a SafetensorsError, nothing else', () => {
    const valid = encodeSafetensors(
      { a: Tensor.from([[1, 2], [3, 4]]), b: Tensor.from(new Float32Array([5, 6, 7])) },
      { arch: 'test' },
    );
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(valid.length),
        (mutations, cut) => {
          runs++;
          const bytes = valid.slice(0, cut === 0 ? valid.length : cut);
          for (const [pos, value] of mutations) if (pos < bytes.length) bytes[pos] = value;
          try {
            const { tensors } = decodeSafetensors(bytes);
            for (const t of Object.values(tensors)) expect(t.data.length).toBe(t.shape.reduce((p, d) => p * d, 1));
          } catch (err) {
            expect(err).toBeInstanceOf(SafetensorsError);
          }
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
    expect(runs).toBe(3000);
  });
});
