import { describe, expect, it } from 'vitest';
import { CharLM, decodeSafetensors, encodeSafetensors } from '@recur/core';
import { CHECKPOINT_FORMAT, CorruptCheckpointError, decodeCheckpoint, encodeCheckpoint } from '../src/checkpoint/checkpoint-codec.js';
import type { RunInfo } from '../src/checkpoint/run-info.js';
import { makeBatch } from '../src/data/make-batch.js';

function trainedModel(): { model: CharLM; run: RunInfo; losses: Float64Array } {
  const model = new CharLM({ vocabSize: 4, hiddenSize: 3, cell: 'lstm', seed: 2, optimizer: { kind: 'adam', lr: 0.01 } });
  const encoded = [Int32Array.of(1, 2, 3), Int32Array.of(3, 1)];
  const losses = Float64Array.from([0, 1], (_, i) => model.step(makeBatch(encoded, [i, 1 - i], 8)).loss);
  const run: RunInfo = {
    step: 2,
    totalSteps: 5,
    settings: { hidden: 3, layers: 1, cell: 'lstm', batch: 2, seqLen: 8, lr: 0.01, seed: 2, dtype: 'float64' },
    data: { source: 'file', path: '/data/x.txt', sha256: 'a'.repeat(64), lines: 2 },
    vocab: ['a', 'b', 'c'],
    backend: 'ts',
    trainSeconds: 0.5,
  };
  return { model, run, losses };
}

function corrupt(bytes: Uint8Array): string {
  try {
    decodeCheckpoint(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(CorruptCheckpointError);
    return (err as Error).message;
  }
  throw new Error('expected a CorruptCheckpointError');
}

describe('checkpoint codec', () => {
  it('round-trips weights, Adam state, losses and run info exactly; tensors keep their shapes', () => {
    const { model, run, losses } = trainedModel();
    const bytes = encodeCheckpoint(model, run, losses);
    const raw = decodeSafetensors(bytes);
    expect(raw.metadata.format).toBe(CHECKPOINT_FORMAT);
    expect(raw.tensors['param/head.w'].shape).toEqual(model.head.parameters().find((p) => p.name === 'w')!.param.shape);
    expect(Object.keys(raw.tensors).filter((k) => k.startsWith('optim/'))).toHaveLength(2 * model.parameters().length);
    const back = decodeCheckpoint(bytes);
    expect(back.run).toEqual(run);
    expect(Array.from(back.losses)).toEqual(Array.from(losses));
    expect(back.model.state()).toEqual(model.state());
    // The next step agrees too (optimizer state restored, not just weights).
    const batch = makeBatch([Int32Array.of(2, 1)], [0], 8);
    expect(back.model.step(batch).loss).toBe(model.step(batch).loss);
    expect(back.model.state().params).toEqual(model.state().params);
  });

  it('encoding is deterministic (same run, same bytes)', () => {
    const a = trainedModel();
    const b = trainedModel();
    expect(encodeCheckpoint(a.model, a.run, a.losses)).toEqual(encodeCheckpoint(b.model, b.run, b.losses));
  });

  it('truncated, bit-flipped, foreign and inconsistent files are CorruptCheckpointErrors saying what is wrong', () => {
    const { model, run, losses } = trainedModel();
    const bytes = encodeCheckpoint(model, run, losses);
    expect(corrupt(bytes.subarray(0, 5))).toMatch(/too short/);
    expect(corrupt(bytes.subarray(0, bytes.length - 8))).toMatch(/safetensors/);
    const flipped = bytes.slice();
    flipped[flipped.length - 3] ^= 0x10; // inside the last tensor's data
    expect(corrupt(flipped)).toBe('its SHA-256 does not match its contents (the file was damaged or edited)');
    const other = encodeSafetensors({}, { format: 'something-else' });
    expect(corrupt(other)).toBe(`format is "something-else", not '${CHECKPOINT_FORMAT}'`);
    expect(corrupt(new TextEncoder().encode('not a checkpoint at all'))).toMatch(/safetensors/);
  });

  it('with a valid checksum, bad contents are still caught: NaN weights, bad run info, step mismatch', () => {
    const { model, run, losses } = trainedModel();
    const nanModel = CharLM.fromState(model.state());
    nanModel.head.parameters()[0].param.data[0] = NaN;
    expect(corrupt(encodeCheckpoint(nanModel, run, losses))).toMatch(/params\['head\.w'\]\[0\] is NaN; the checkpoint is corrupt/);
    expect(corrupt(encodeCheckpoint(model, { ...run, vocab: ['a', 'b'] }, losses))).toBe("the model config's vocabSize is 4 but run.settings imply 3");
    expect(corrupt(encodeCheckpoint(model, { ...run, vocab: ['a', 'a', 'b'] }, losses))).toBe('vocab has repeated symbols');
    expect(corrupt(encodeCheckpoint(model, { ...run, step: 3 }, Float64Array.of(1, 2, 3)))).toBe('the optimizer has done 2 steps but the run says 3');
    expect(corrupt(encodeCheckpoint(model, { ...run, settings: { ...run.settings, cell: 'xlstm' as never } }, losses))).toBe('run.settings.cell must be one of lstm, gru, rnn (as --cell), got "xlstm"');
    expect(corrupt(encodeCheckpoint(model, { ...run, data: { ...run.data, sha256: 'zz' } }, losses))).toBe('data.sha256 must be 64 hex digits, got "zz"');
    expect(() => encodeCheckpoint(model, run, Float64Array.of(1))).toThrow(/1 losses for 2 steps/);
  });
});
