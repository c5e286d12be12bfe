/**
 * The layer kinds a Sequential holds, each with a plain-JSON config that rebuilds it
 * (for model files, ONNX export and introspection), and the shape each one produces.
 */
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { Embedding } from '../layers/embedding.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { layerOptionsFromConfig, type RecurrentConfig } from '../layers/recurrent-config.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import type { DType } from '../tensor.ts';

export type SequentialLayer = Embedding | SimpleRNN | LSTM | GRU | Dense | Dropout;

export type SequentialLayerKind = 'Embedding' | 'SimpleRNN' | 'LSTM' | 'GRU' | 'Dense' | 'Dropout';
export const SEQUENTIAL_LAYER_KINDS: readonly SequentialLayerKind[] = ['Embedding', 'SimpleRNN', 'LSTM', 'GRU', 'Dense', 'Dropout'];

export interface DenseConfig { inputSize: number; outputSize: number; dtype: DType; seed: number; batchFirst: boolean }
export interface EmbeddingConfig { numEmbeddings: number; embeddingSize: number; dtype: DType; seed: number; batchFirst: boolean }
export interface DropoutConfig { rate: number; seed: number; batchFirst: boolean }

/** One layer of a Sequential as JSON: its class and the options that rebuild it. */
export type SequentialLayerConfig =
  | { kind: 'SimpleRNN' | 'LSTM' | 'GRU'; config: RecurrentConfig }
  | { kind: 'Dense'; config: DenseConfig }
  | { kind: 'Embedding'; config: EmbeddingConfig }
  | { kind: 'Dropout'; config: DropoutConfig };

export function layerKind(layer: unknown): SequentialLayerKind | null {
  if (layer instanceof LSTM) return 'LSTM';
  if (layer instanceof GRU) return 'GRU';
  if (layer instanceof SimpleRNN) return 'SimpleRNN';
  if (layer instanceof Dense) return 'Dense';
  if (layer instanceof Embedding) return 'Embedding';
  if (layer instanceof Dropout) return 'Dropout';
  return null;
}

export function layerConfig(layer: SequentialLayer): SequentialLayerConfig {
  if (layer instanceof RecurrentLayer) return { kind: layerKind(layer) as 'LSTM', config: { ...layer.config } };
  if (layer instanceof Dense) {
    return { kind: 'Dense', config: { inputSize: layer.inputSize, outputSize: layer.outputSize, dtype: layer.dtype, seed: layer.seed, batchFirst: layer.batchFirst } };
  }
  if (layer instanceof Embedding) {
    return { kind: 'Embedding', config: { numEmbeddings: layer.numEmbeddings, embeddingSize: layer.embeddingSize, dtype: layer.dtype, seed: layer.seed, batchFirst: layer.batchFirst } };
  }
  return { kind: 'Dropout', config: { rate: layer.rate, seed: layer.seed, batchFirst: layer.batchFirst } };
}

/** Rebuilds a layer from layerConfig's output (its constructor checks every value). */
export function buildLayer(owner: string, entry: SequentialLayerConfig): SequentialLayer {
  if (typeof entry !== 'object' || entry === null) throw new TypeError(`${owner}: each layer entry must be { kind, config }`);
  switch (entry.kind) {
    case 'SimpleRNN': return new SimpleRNN(layerOptionsFromConfig({ ...entry.config, cell: 'rnn' }));
    case 'LSTM': return new LSTM(layerOptionsFromConfig({ ...entry.config, cell: 'lstm' }));
    case 'GRU': return new GRU(layerOptionsFromConfig({ ...entry.config, cell: 'gru' }));
    case 'Dense': return new Dense(entry.config);
    case 'Embedding': return new Embedding(entry.config);
    case 'Dropout': return new Dropout(entry.config);
    default:
      throw new RangeError(`${owner}: unknown layer kind ${JSON.stringify((entry as { kind?: unknown }).kind)}; expected one of ${SEQUENTIAL_LAYER_KINDS.join(', ')}`);
  }
}

/** The dtype of a layer with weights (null for Dropout). */
export function layerDType(layer: SequentialLayer): DType | null {
  if (layer instanceof RecurrentLayer) return layer.config.dtype;
  if (layer instanceof Dropout) return null;
  return layer.dtype;
}
