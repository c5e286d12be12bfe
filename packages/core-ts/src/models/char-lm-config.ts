/** The configuration of a character-level language model, with defaults, as plain JSON. */
import type { CellKind } from '../backend/types.ts';
import type { OptimizerConfig } from '../optim/create-optimizer.ts';
import { checkOptions } from '../options.ts';
import { checkDType, type DType } from '../tensor.ts';

export interface CharLMOptions {
  /** Number of distinct symbols (characters plus any start/end markers). */
  vocabSize: number;
  /** Default 128. */
  hiddenSize?: number;
  /** Stacked recurrent layers. Default 1. */
  numLayers?: number;
  /** Default 'lstm'. */
  cell?: CellKind;
  /** 0 (default): one-hot inputs; > 0: a learned embedding of this size. */
  embeddingSize?: number;
  /** GRU only. Default true. */
  resetAfter?: boolean;
  /** Default 'float64' (bit-identical resume is promised for float64). */
  dtype?: DType;
  /** Seed of the initialisation. Default 0. */
  seed?: number;
  /** Default { kind: 'adam', lr: 0.01 }. */
  optimizer?: OptimizerConfig;
  /** Clip the global gradient norm to this before each update; null: never. Default 5. */
  clipNorm?: number | null;
}

export interface CharLMConfig {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  cell: CellKind;
  embeddingSize: number;
  resetAfter: boolean;
  dtype: DType;
  seed: number;
  optimizer: OptimizerConfig;
  clipNorm: number | null;
}

const CELLS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];
const CHARLM_OPTION_KEYS = ['vocabSize', 'hiddenSize', 'numLayers', 'cell', 'embeddingSize', 'resetAfter', 'dtype', 'seed', 'optimizer', 'clipNorm'] as const;

function int(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`CharLM: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

export function resolveCharLMConfig(options: CharLMOptions): CharLMConfig {
  if (typeof options !== 'object' || options === null) throw new TypeError('CharLM: options must be an object with vocabSize');
  checkOptions('CharLM', options, CHARLM_OPTION_KEYS);
  const cell = options.cell ?? 'lstm';
  if (!CELLS.includes(cell)) throw new RangeError(`CharLM: cell must be 'rnn', 'lstm' or 'gru', got ${JSON.stringify(cell)}`);
  const clipNorm = options.clipNorm === undefined ? 5 : options.clipNorm;
  if (clipNorm !== null && (typeof clipNorm !== 'number' || !(clipNorm > 0) || !Number.isFinite(clipNorm))) {
    throw new RangeError(`CharLM: clipNorm must be a finite number > 0 or null, got ${String(clipNorm)}`);
  }
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`CharLM: seed must be an integer in 0..2**32-1, got ${String(seed)}`);
  }
  return {
    vocabSize: int('vocabSize', options.vocabSize, 1),
    hiddenSize: int('hiddenSize', options.hiddenSize ?? 128, 1),
    numLayers: int('numLayers', options.numLayers ?? 1, 1),
    cell,
    embeddingSize: int('embeddingSize', options.embeddingSize ?? 0, 0),
    resetAfter: options.resetAfter ?? true,
    dtype: checkDType('CharLM: dtype', options.dtype ?? 'float64'),
    seed,
    optimizer: { ...(options.optimizer ?? { kind: 'adam', lr: 0.01 }) },
    clipNorm,
  };
}
