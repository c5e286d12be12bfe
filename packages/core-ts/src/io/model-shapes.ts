/**
 * The tensor names and shapes a model of a given architecture and config must have,
 * computed from the config alone. loadModelBytes compares a file's tensors with these
 * before building anything, so a file whose config claims a huge model but whose tensors
 * are small is rejected without allocating the huge model.
 */
import { GATE_COUNT } from '../backend/types.ts';
import type { CellKind } from '../backend/types.ts';
import { resolveRecurrentConfig, type RecurrentConfig } from '../layers/recurrent-config.ts';
import { slotName, weightShapes, WEIGHT_KEYS } from '../layers/recurrent-weights.ts';
import { resolveCharLMConfig, type CharLMConfig } from '../models/char-lm-config.ts';

export type Architecture = 'CharLM' | 'SimpleRNN' | 'LSTM' | 'GRU' | 'Sequential';
export const ARCHITECTURES: readonly Architecture[] = ['CharLM', 'SimpleRNN', 'LSTM', 'GRU', 'Sequential'];
type LayerArchitecture = Exclude<Architecture, 'CharLM' | 'Sequential'>;

export const CELL_OF_LAYER: Readonly<Record<LayerArchitecture, CellKind>> = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };
export const LAYER_OF_CELL: Readonly<Record<CellKind, LayerArchitecture>> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

/** Name -> shape of every weight of a recurrent stack (`l0.wx`, `l0_reverse.bh`, ...). */
export function recurrentShapes(c: Pick<RecurrentConfig, 'cell' | 'inputSize' | 'hiddenSize' | 'numLayers' | 'bidirectional'>, prefix = ''): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const dirs = c.bidirectional ? 2 : 1;
  const G = GATE_COUNT[c.cell];
  for (let layer = 0; layer < c.numLayers; layer++) {
    const shapes = weightShapes(layer === 0 ? c.inputSize : dirs * c.hiddenSize, c.hiddenSize, G);
    for (let d = 0; d < dirs; d++) {
      for (const key of WEIGHT_KEYS) out.set(`${prefix}${slotName(layer, d === 1)}.${key}`, shapes[key]);
    }
  }
  return out;
}

/** Name -> shape of every CharLM weight: `embedding.table`, `rnn.l0.wx`, ..., `head.w`, `head.b`. */
export function charLMShapes(c: CharLMConfig): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (c.embeddingSize > 0) out.set('embedding.table', [c.vocabSize, c.embeddingSize]);
  const inputSize = c.embeddingSize > 0 ? c.embeddingSize : c.vocabSize;
  for (const [k, v] of recurrentShapes({ cell: c.cell, inputSize, hiddenSize: c.hiddenSize, numLayers: c.numLayers, bidirectional: false }, 'rnn.')) out.set(k, v);
  out.set('head.w', [c.hiddenSize, c.vocabSize]);
  out.set('head.b', [c.vocabSize]);
  return out;
}

/** How many weight tensors the architecture has: cheap to compute even for an absurd config. */
function tensorCount(architecture: Exclude<Architecture, 'Sequential'>, c: CharLMConfig | RecurrentConfig): number {
  if (architecture === 'CharLM') {
    const m = c as CharLMConfig;
    return (m.embeddingSize > 0 ? 1 : 0) + m.numLayers * WEIGHT_KEYS.length + 2;
  }
  const r = c as RecurrentConfig;
  return r.numLayers * (r.bidirectional ? 2 : 1) * WEIGHT_KEYS.length;
}

/**
 * Validates a stored config (throwing the constructors' own RangeError/TypeError) and
 * returns it resolved with its tensor count; `shapes()` lists the tensors, and is only to be
 * called once the count is known to match the file (a config may claim 1e9 layers).
 */
export function resolveArchitecture(architecture: Exclude<Architecture, 'Sequential'>, config: unknown): { resolved: CharLMConfig | RecurrentConfig; count: number; shapes: () => Map<string, number[]> } {
  if (architecture === 'CharLM') {
    const resolved = resolveCharLMConfig(config as Parameters<typeof resolveCharLMConfig>[0]);
    return { resolved, count: tensorCount(architecture, resolved), shapes: () => charLMShapes(resolved) };
  }
  const resolved = resolveRecurrentConfig(architecture, CELL_OF_LAYER[architecture], config as Parameters<typeof resolveRecurrentConfig>[2]);
  return { resolved, count: tensorCount(architecture, resolved), shapes: () => recurrentShapes(resolved) };
}
