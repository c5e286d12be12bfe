// safetensors under Deno: bytes survive a round trip through a real file written with Deno's
// own file API, and a file built by hand from the format's definition decodes as specified.
import { Tensor, decodeSafetensors, encodeSafetensors, SafetensorsError } from '../src/index.ts';
import assert from 'node:assert/strict';

Deno.test('safetensors round trip through a file keeps float32/float64 bits and metadata', async () => {
  const a = Tensor.from([[1.5, -2.25, Math.PI], [0, -0, 1e-300]]);
  const b = Tensor.from(new Float32Array([0.1, 0.2, Infinity, Number.NaN]), [2, 2]);
  const empty = Tensor.zeros([0, 3], 'float32');
  const dir = await Deno.makeTempDir({ prefix: 'recur-deno-' });
  try {
    const path = `${dir}/model.safetensors`;
    await Deno.writeFile(path, encodeSafetensors({ a, b, empty }, { arch: 'lstm' }));
    const { tensors, metadata } = decodeSafetensors(await Deno.readFile(path));
    assert.deepEqual(metadata, { arch: 'lstm' });
    assert.deepEqual(Object.keys(tensors).sort(), ['a', 'b', 'empty']);
    assert.equal(tensors.a.dtype, 'float64');
    assert.deepEqual([...tensors.a.shape], [2, 3]);
    assert.deepEqual([...tensors.a.data], [...a.data]);
    assert.ok(Object.is(tensors.a.data[4], -0), '-0 keeps its sign bit');
    assert.equal(tensors.b.dtype, 'float32');
    assert.deepEqual([...tensors.b.data], [...b.data]);
    assert.deepEqual([...tensors.empty.shape], [0, 3]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('safetensors decodes a hand-made F32 file and rejects a truncated one', () => {
  const header = new TextEncoder().encode(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
  const file = new Uint8Array(8 + header.length + 8);
  const view = new DataView(file.buffer);
  view.setBigUint64(0, BigInt(header.length), true);
  file.set(header, 8);
  view.setFloat32(8 + header.length, 1.25, true);
  view.setFloat32(8 + header.length + 4, -3, true);
  const { tensors } = decodeSafetensors(file);
  assert.deepEqual([...tensors.w.data], [1.25, -3]);
  assert.throws(() => decodeSafetensors(file.subarray(0, file.length - 1)), SafetensorsError);
});
