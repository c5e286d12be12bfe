/**
 * The settings that shape a run (model and batches), with their ranges, declared once: the
 * flag parser checks `recur train --hidden ...` against them and the checkpoint reader checks
 * a saved run's settings against the same specs, so an edited checkpoint cannot ask for
 * what no flag could (a batch of 1e9 lines).
 */
import type { FlagSpecs } from './parse-flags.js';

export const SETTING_FLAGS = {
  hidden: { kind: 'int', min: 1, max: 4096, help: 'hidden units per layer (default 128)' },
  layers: { kind: 'int', min: 1, max: 16, help: 'stacked recurrent layers (default 1)' },
  cell: { kind: 'enum', values: ['lstm', 'gru', 'rnn'], help: 'recurrent cell (default lstm)' },
  batch: { kind: 'int', min: 1, max: 65536, help: 'lines per batch (default 32)' },
  'seq-len': { kind: 'int', min: 1, max: 100000, help: 'longest training sequence; longer lines are cut (default 32)' },
  optimizer: { kind: 'enum', values: ['adam', 'adamw', 'rmsprop', 'adagrad', 'sgd', 'momentum'], help: 'adam (default), adamw, rmsprop, adagrad, sgd or momentum (SGD, 0.9), PyTorch defaults otherwise' },
  lr: { kind: 'number', min: 0, minExclusive: true, max: 10, arg: 'RATE', help: 'learning rate of the optimizer (default 0.01)' },
  seed: { kind: 'int', min: 0, max: 0xffffffff, help: 'seed of the initialisation and the batch order (default 0)' },
  dtype: { kind: 'enum', values: ['float64', 'float32'], help: 'float64 (default; resume is bit-identical) or float32' },
} as const satisfies FlagSpecs;

export type SettingFlag = keyof typeof SETTING_FLAGS;

/** The ModelSettings field of each setting flag (as a checkpoint's run.settings stores it). */
export const SETTING_FIELDS = {
  hidden: 'hidden',
  layers: 'layers',
  cell: 'cell',
  batch: 'batch',
  'seq-len': 'seqLen',
  optimizer: 'optimizer',
  lr: 'lr',
  seed: 'seed',
  dtype: 'dtype',
} as const satisfies Record<SettingFlag, string>;

/** Settings a checkpoint may lack: it was written before the flag existed (no optimizer: Adam). */
export const ABSENT_IN_OLD_CHECKPOINTS: ReadonlySet<SettingFlag> = new Set(['optimizer']);
