/** The CharLM a run's settings describe: used to build a fresh run and to check a saved one. */
import type { CharLMOptions } from '@recur/core';
import type { ModelSettings } from './train-args.js';

export function charLMOptions(vocabSize: number, s: ModelSettings): CharLMOptions {
  return { vocabSize, hiddenSize: s.hidden, numLayers: s.layers, cell: s.cell, dtype: s.dtype, seed: s.seed, optimizer: { kind: s.optimizer ?? 'adam', lr: s.lr } };
}
