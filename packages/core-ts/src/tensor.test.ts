import { describe, expect, it } from 'vitest';
import { Tensor } from './tensor.ts';

describe('Tensor', () => {
  it('builds row-major float64 tensors from nested arrays, like np.array', () => {
    const t = Tensor.from([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(t.shape).toEqual([2, 3, 2]);
    expect(t.dtype).toBe('float64');
    expect(t.data).toBeInstanceOf(Float64Array);
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.get(1, 2, 0)).toBe(11);
    expect(t.get(-1, -1, -1)).toBe(12);
    expect(t.toArray()).toEqual([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
  });

  it('takes a dtype, a scalar, or a typed array with a shape', () => {
    const f = Tensor.from([[0.1, 0.2]], 'float32');
    expect(f.dtype).toBe('float32');
    expect(f.get(0, 1)).toBe(Math.fround(0.2));
    const s = Tensor.from(3.5);
    expect(s.shape).toEqual([]);
    expect(s.get()).toBe(3.5);
    expect(s.toArray()).toBe(3.5);
    const typed = Tensor.from(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(typed.dtype).toBe('float32');
    expect(typed.get(1, 0)).toBe(4);
    expect(Tensor.from(new Float64Array([1, 2])).shape).toEqual([2]);
  });

  it('copies typed arrays in from(), wraps them in the constructor', () => {
    const src = new Float64Array([1, 2]);
    Tensor.from(src).data[0] = 9;
    expect(src[0]).toBe(1);
    new Tensor(src, [2]).data[0] = 9;
    expect(src[0]).toBe(9);
  });

  it('handles empty shapes like NumPy', () => {
    const z = Tensor.zeros([3, 0, 2]);
    expect(z.size).toBe(0);
    expect(z.toArray()).toEqual([[], [], []]);
    expect(Tensor.from([]).shape).toEqual([0]);
    expect(Tensor.from([[], []]).shape).toEqual([2, 0]);
    expect(Tensor.zeros([2, 2], 'float32').data).toBeInstanceOf(Float32Array);
  });

  it('rejects ragged arrays, bad shapes, bad dtypes and out-of-range indices', () => {
    expect(() => Tensor.from([[1, 2], [3]])).toThrow(RangeError);
    expect(() => Tensor.from([[1, 2], [3]])).toThrow(/ragged.*value\[1\]/);
    expect(() => Tensor.from([[1, 2], 3] as never)).toThrow(/ragged/);
    expect(() => Tensor.from([1, [2]] as never)).toThrow(/ragged/);
    expect(() => Tensor.from(['a'] as never)).toThrow(TypeError);
    expect(() => Tensor.zeros([2, -1])).toThrow(RangeError);
    expect(() => Tensor.zeros([2, -1])).toThrow(/shape\[1\].*-1/);
    expect(() => Tensor.zeros([1.5])).toThrow(RangeError);
    expect(() => Tensor.zeros([2], 'int32' as never)).toThrow(TypeError);
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow(/length 5.*\(2, 3\) needs 6/);
    expect(() => new Tensor([1, 2] as never, [2])).toThrow(TypeError);
    const t = Tensor.zeros([2, 3]);
    expect(() => t.get(2, 0)).toThrow(RangeError);
    expect(() => t.get(0, -4)).toThrow(/axis 1 of size 3/);
    expect(() => t.get(0)).toThrow(/needs 2 indices/);
    expect(() => t.get(0.5, 0)).toThrow(RangeError);
  });

  it('reshapes without copying and converts dtype with a copy', () => {
    const t = Tensor.from([1, 2, 3, 4, 5, 6]);
    const r = t.reshape([2, 3]);
    expect(r.data).toBe(t.data);
    expect(r.get(1, 2)).toBe(6);
    expect(() => t.reshape([4, 2])).toThrow(/cannot reshape \(6,\) to \(4, 2\)/);
    const f = t.astype('float32');
    expect(f.dtype).toBe('float32');
    expect(f.data).not.toBe(t.data);
  });
});
