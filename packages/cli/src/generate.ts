/**
 * Draws whole lines from a CharLM: every sample starts with the boundary token and the
 * prefix, then takes one symbol at a time from softmax(logits / temperature) until it draws
 * the boundary (end of line) or reaches maxLength symbols. All samples run as one batch;
 * the uniform numbers are drawn in sample order, so a seed fixes the output. The model runs
 * as a stream (one step per call, state kept, no tape).
 */
import { RandomState, sampleFromLogits, type CharLM } from '@recur/core';
import { BOUNDARY, type Vocab } from './data/vocab.js';

export interface GenerateOptions {
  n: number;
  temperature: number;
  seed: number;
  /** Text every sample starts with (already checked against the vocabulary). */
  prefix: Int32Array;
  /** Longest sample in symbols, prefix included. */
  maxLength: number;
}

export function generate(model: CharLM, vocab: Vocab, options: GenerateOptions): string[] {
  const { n, temperature, prefix, maxLength } = options;
  const V = model.config.vocabSize;
  const rng = new RandomState(options.seed);
  const out = Array.from({ length: n }, () => Array.from(prefix));
  const done = new Array<boolean>(n).fill(false);
  const stream = model.stream(n);
  // Feed the boundary and the prefix; the logits after the last one predict the first new symbol.
  let logits = stream.step(new Int32Array(n).fill(BOUNDARY)).data;
  for (const id of prefix) logits = stream.step(new Int32Array(n).fill(id)).data;
  for (let len = prefix.length; len < maxLength; len++) {
    const ids = new Int32Array(n).fill(BOUNDARY);
    let active = 0;
    for (let b = 0; b < n; b++) {
      if (done[b]) continue;
      const id = sampleFromLogits(logits.subarray(b * V, (b + 1) * V), temperature, rng.nextDouble());
      if (id === BOUNDARY) {
        done[b] = true;
      } else {
        out[b].push(id);
        ids[b] = id;
        active++;
      }
    }
    if (active === 0 || len + 1 >= maxLength) break;
    logits = stream.step(ids).data;
  }
  return out.map((ids) => vocab.decode(ids));
}
