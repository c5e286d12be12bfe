import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CharLM, Dense, Embedding, LSTM, SafetensorsError, Sequential, Tensor, saveModelBytes } from '@recur/core';
import { loadModel, saveModel } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recur-model-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function weights(m: { parameters(): { name: string; param: { data: ArrayLike<number> } }[] }): Record<string, number[]> {
  return Object.fromEntries(m.parameters().map((p) => [p.name, Array.from(p.param.data)]));
}

describe('saveModel / loadModel', () => {
  it('round-trips a Sequential (Embedding, LSTM, Dense) typed, and predict is bit-identical', async () => {
    const m = new Sequential([
      new Embedding({ numEmbeddings: 5, embeddingSize: 3, seed: 1, batchFirst: true }),
      new LSTM({ inputSize: 3, hiddenSize: 4, batchFirst: true, seed: 2 }),
      new Dense({ inputSize: 4, outputSize: 5, seed: 3, batchFirst: true }),
    ], { batchFirst: true });
    const x = Tensor.from([[0, 1, 2], [3, 4, 0]]);
    await m.fit(x, Tensor.from([[1, 2, 3], [4, 0, 1]]), { epochs: 1, batchSize: 2, loss: 'softmaxCrossEntropy' });
    const path = join(dir, 'model.safetensors');
    await saveModel(path, m);
    const back = await loadModel(path, Sequential);
    expect(Array.from(back.predict(x).data)).toEqual(Array.from(m.predict(x).data));
    await expect(loadModel(path, CharLM)).rejects.toThrow(/holds a Sequential, not a CharLM/);
  });

  it('round-trips a CharLM with its optimizer state through a file', async () => {
    const m = new CharLM({ vocabSize: 5, hiddenSize: 4, cell: 'gru', seed: 2 });
    m.step({ inputs: [0, 1, 2, 3], targets: [1, 2, 3, 4], T: 2, B: 2 });
    const path = join(dir, 'ckpt.safetensors');
    await saveModel(path, m, { includeOptimizer: true });
    const back = (await loadModel(path)) as CharLM;
    expect(back).toBeInstanceOf(CharLM);
    expect(back.steps).toBe(1);
    expect(weights(back)).toEqual(weights(m));
    expect(await readdir(dir)).toEqual(['ckpt.safetensors']);
  });

  it('a model that cannot be saved (NaN weight) leaves the previous checkpoint byte-identical', async () => {
    const path = join(dir, 'ckpt.safetensors');
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3 });
    await saveModel(path, layer);
    const before = await readFile(path);
    layer.params['l0.bx'].data[1] = NaN;
    await expect(saveModel(path, layer)).rejects.toThrow(/weight 'l0.bx'\[1\] is NaN/);
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['ckpt.safetensors']);
  });

  it('saveModel onto an existing directory says so and changes nothing', async () => {
    const target = join(dir, 'model.safetensors');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'x');
    const err = (await saveModel(target, new LSTM({ inputSize: 2, hiddenSize: 3 })).catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(err.message).toBe(`${target} is a directory, not a file: refusing to replace it (nothing was written)`);
    expect(err.code).toBe('EISDIR');
    expect(await readdir(dir)).toEqual(['model.safetensors']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('truncated, oversized and foreign files are rejected naming the file, and the file is unchanged', async () => {
    const path = join(dir, 'm.safetensors');
    const full = saveModelBytes(new LSTM({ inputSize: 2, hiddenSize: 3 }));
    await writeFile(path, full.subarray(0, full.length - 3));
    const err = await loadModel(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafetensorsError);
    expect((err as Error).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: safetensors: tensors cover`));
    expect(new Uint8Array(await readFile(path))).toEqual(full.subarray(0, full.length - 3));

    await writeFile(path, full);
    await expect(loadModel(path, { maxBytes: 100 })).rejects.toThrow(/over the limit of 100 bytes/);
    await truncate(path, 2 ** 31);
    await expect(loadModel(path)).rejects.toThrow(/2147483648 bytes, over the limit/);

    await writeFile(path, new TextEncoder().encode('{"not": "safetensors"}'));
    await expect(loadModel(path)).rejects.toThrow(SafetensorsError);
  });

  it('a well-formed safetensors file that is not a recur model says so, as a RangeError', async () => {
    const path = join(dir, 'pt.safetensors');
    const { encodeSafetensors, Tensor } = await import('@recur/core');
    await writeFile(path, encodeSafetensors({ weight_ih_l0: Tensor.zeros([12, 2]) }, { format: 'pt' }));
    const err = await loadModel(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toContain(`${path}: loadModelBytes: not a recur model file`);
  });
});
