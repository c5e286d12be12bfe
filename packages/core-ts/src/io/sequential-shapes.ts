/**
 * A stored Sequential config, validated without building anything: every layer entry's
 * values are checked with the constructors' rules, and the tensor names and shapes the
 * config implies (`<index>.<layer name>`) are listed, so loadModelBytes can compare them
 * with the file before allocating a model.
 */
import { resolveRecurrentConfig } from '../layers/recurrent-config.ts';
import type { CellKind } from '../backend/types.ts';
import { WEIGHT_KEYS } from '../layers/recurrent-weights.ts';
import { boolOption, checkOptions, intOption, numberOption, seedOption } from '../options.ts';
import { checkDType, type DType } from '../tensor.ts';
import type { SequentialConfig } from '../models/sequential.ts';
import type { SequentialLayerConfig } from '../models/sequential-layers.ts';
import { recurrentShapes } from './model-shapes.ts';

/** A resolved Sequential config plus the model dtype (for the tensor checks). */
export interface SequentialFileConfig extends SequentialConfig {
  dtype: DType;
}

const CELLS: Record<string, CellKind> = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };

function resolveEntry(owner: string, entry: unknown, i: number): SequentialLayerConfig {
  const where = `${owner}: layers[${i}]`;
  if (typeof entry !== 'object' || entry === null) throw new RangeError(`${where} must be { kind, config }`);
  checkOptions(where, entry, ['kind', 'config']);
  const { kind, config } = entry as { kind: unknown; config: Record<string, unknown> };
  if (typeof config !== 'object' || config === null) throw new RangeError(`${where}.config must be an object`);
  if (typeof kind === 'string' && kind in CELLS) return { kind: kind as 'LSTM', config: resolveRecurrentConfig(`${where} (${kind})`, CELLS[kind], config as never) };
  const w = `${where} (${String(kind)})`;
  switch (kind) {
    case 'Dense':
      checkOptions(w, config, ['inputSize', 'outputSize', 'dtype', 'seed', 'batchFirst']);
      return { kind, config: { inputSize: intOption(w, 'inputSize', config.inputSize, 0), outputSize: intOption(w, 'outputSize', config.outputSize, 0), dtype: checkDType(`${w}: dtype`, config.dtype ?? 'float64'), seed: seedOption(w, config.seed), batchFirst: boolOption(w, 'batchFirst', config.batchFirst, false) } };
    case 'Embedding':
      checkOptions(w, config, ['numEmbeddings', 'embeddingSize', 'dtype', 'seed', 'batchFirst']);
      return { kind, config: { numEmbeddings: intOption(w, 'numEmbeddings', config.numEmbeddings, 0), embeddingSize: intOption(w, 'embeddingSize', config.embeddingSize, 0), dtype: checkDType(`${w}: dtype`, config.dtype ?? 'float64'), seed: seedOption(w, config.seed), batchFirst: boolOption(w, 'batchFirst', config.batchFirst, false) } };
    case 'Dropout':
      checkOptions(w, config, ['rate', 'seed', 'batchFirst']);
      return { kind, config: { rate: numberOption(w, 'rate', config.rate, { min: 0, max: 1, maxExclusive: true }), seed: seedOption(w, config.seed), batchFirst: boolOption(w, 'batchFirst', config.batchFirst, false) } };
    default:
      throw new RangeError(`${where}: unknown layer kind ${JSON.stringify(kind)}; expected SimpleRNN, LSTM, GRU, Dense, Embedding or Dropout`);
  }
}

export function resolveSequentialConfig(config: unknown): { resolved: SequentialFileConfig; count: number; shapes: () => Map<string, number[]> } {
  const owner = 'Sequential config';
  if (typeof config !== 'object' || config === null || !Array.isArray((config as SequentialConfig).layers)) {
    throw new RangeError(`${owner}: must be { batchFirst, layers: [...] }`);
  }
  const raw = config as SequentialConfig;
  if (raw.layers.length === 0 || raw.layers.length > 4096) throw new RangeError(`${owner}: layers must hold 1..4096 entries, got ${raw.layers.length}`);
  const layers = raw.layers.map((e, i) => resolveEntry(owner, e, i));
  const dtypes = layers.flatMap((l) => ('dtype' in l.config ? [l.config.dtype] : []));
  const dtype = dtypes[0] ?? 'float64';
  let count = 0;
  for (const l of layers) {
    if (l.kind === 'Dense') count += 2;
    else if (l.kind === 'Embedding') count += 1;
    else if (l.kind !== 'Dropout') count += l.config.numLayers * (l.config.bidirectional ? 2 : 1) * WEIGHT_KEYS.length;
  }
  const shapes = (): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    layers.forEach((l, i) => {
      if (l.kind === 'Dense') {
        out.set(`${i}.w`, [l.config.inputSize, l.config.outputSize]);
        out.set(`${i}.b`, [l.config.outputSize]);
      } else if (l.kind === 'Embedding') {
        out.set(`${i}.table`, [l.config.numEmbeddings, l.config.embeddingSize]);
      } else if (l.kind !== 'Dropout') {
        for (const [k, v] of recurrentShapes(l.config, `${i}.`)) out.set(k, v);
      }
    });
    return out;
  };
  return { resolved: { batchFirst: boolOption(owner, 'batchFirst', raw.batchFirst, false), layers, dtype }, count, shapes };
}
