/** `recur train` flags, their defaults, and the rules for --resume. */
import { UsageError } from '../cli-error.js';
import { parseFlags, type FlagSpecs } from './parse-flags.js';
import { SETTING_FLAGS } from './setting-flags.js';
import { callerPath, type Env } from '../invocation.js';

export type BackendChoice = 'auto' | 'ts' | 'native' | 'wasm';
export type CellChoice = 'lstm' | 'gru' | 'rnn';
export type DTypeChoice = 'float32' | 'float64';
export type OptimizerChoice = 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'sgd' | 'momentum';

export const TRAIN_FLAGS = {
  data: { kind: 'string', arg: 'FILE', help: 'text file, one example per line (default: the bundled names list)' },
  out: { kind: 'string', arg: 'DIR', help: 'directory for the checkpoint, loss.csv and loss.svg' },
  resume: { kind: 'string', arg: 'DIR', help: 'continue the run saved in this directory (to --steps in total)' },
  overwrite: { kind: 'boolean', help: 'replace a run already in --out instead of refusing' },
  hidden: SETTING_FLAGS.hidden,
  layers: SETTING_FLAGS.layers,
  cell: SETTING_FLAGS.cell,
  steps: { kind: 'int', min: 1, help: 'total optimizer steps of the run (default 1000)' },
  batch: SETTING_FLAGS.batch,
  'seq-len': SETTING_FLAGS['seq-len'],
  optimizer: SETTING_FLAGS.optimizer,
  lr: SETTING_FLAGS.lr,
  seed: SETTING_FLAGS.seed,
  backend: { kind: 'enum', values: ['auto', 'ts', 'native', 'wasm'], help: 'kernels: auto (default: native, else wasm, else ts), ts, native, wasm' },
  dtype: SETTING_FLAGS.dtype,
  'sample-every': { kind: 'int', min: 0, arg: 'K', help: 'print samples every K steps, 0 for never (default 100)' },
  'checkpoint-every': { kind: 'int', min: 0, arg: 'K', help: 'write the checkpoint every K steps, 0 for only at the end (default 100)' },
} as const satisfies FlagSpecs;

export interface ModelSettings {
  hidden: number;
  layers: number;
  cell: CellChoice;
  batch: number;
  seqLen: number;
  /** Absent in checkpoints written before the flag existed: Adam. */
  optimizer?: OptimizerChoice;
  lr: number;
  seed: number;
  dtype: DTypeChoice;
}

export interface TrainArgs {
  /** undefined: the bundled names list. */
  data: string | undefined;
  out: string;
  /** The directory to resume from (then `out` is the same directory). */
  resume: string | undefined;
  overwrite: boolean;
  /** Total steps; on --resume undefined means "the total the run was started with". */
  steps: number | undefined;
  backend: BackendChoice;
  sampleEvery: number;
  checkpointEvery: number;
  /** Fresh runs only; a resumed run takes these from its checkpoint. */
  model: ModelSettings;
}

export const DEFAULT_STEPS = 1000;

/** Flags that shape the model or the batches: fixed once a run has started. */
const FIXED_ON_RESUME = ['hidden', 'layers', 'cell', 'batch', 'seq-len', 'optimizer', 'lr', 'seed', 'dtype', 'overwrite'] as const;

export function parseTrainArgs(argv: readonly string[], env: Env = {}): TrainArgs {
  const f = parseFlags('train', argv, TRAIN_FLAGS);
  for (const flag of ['data', 'out', 'resume'] as const) {
    const v = f.get(flag);
    if (typeof v === 'string') f.set(flag, callerPath(v, env));
  }
  const resume = f.get('resume') as string | undefined;
  if (resume !== undefined) {
    for (const name of FIXED_ON_RESUME) {
      if (f.has(name)) throw new UsageError(`--${name} cannot be combined with --resume: a resumed run keeps the settings saved in its checkpoint`);
    }
    const out = f.get('out') as string | undefined;
    if (out !== undefined && out !== resume) throw new UsageError(`--out cannot differ from --resume: a resumed run continues in its own directory (${resume})`);
  } else if (!f.has('out')) {
    throw new UsageError(`'recur train' needs --out DIR (where the checkpoint and the loss plot go), or --resume DIR`);
  }
  return {
    data: f.get('data') as string | undefined,
    out: (resume ?? f.get('out')) as string,
    resume,
    overwrite: (f.get('overwrite') as boolean | undefined) ?? false,
    steps: (f.get('steps') as number | undefined) ?? (resume === undefined ? DEFAULT_STEPS : undefined),
    backend: ((f.get('backend') as BackendChoice | undefined) ?? 'auto'),
    sampleEvery: (f.get('sample-every') as number | undefined) ?? 100,
    checkpointEvery: (f.get('checkpoint-every') as number | undefined) ?? 100,
    model: {
      hidden: (f.get('hidden') as number | undefined) ?? 128,
      layers: (f.get('layers') as number | undefined) ?? 1,
      cell: (f.get('cell') as CellChoice | undefined) ?? 'lstm',
      batch: (f.get('batch') as number | undefined) ?? 32,
      seqLen: (f.get('seq-len') as number | undefined) ?? 32,
      optimizer: (f.get('optimizer') as OptimizerChoice | undefined) ?? 'adam',
      lr: (f.get('lr') as number | undefined) ?? 0.01,
      seed: (f.get('seed') as number | undefined) ?? 0,
      dtype: (f.get('dtype') as DTypeChoice | undefined) ?? 'float64',
    },
  };
}

const OPTIMIZER_LABEL: Record<OptimizerChoice, string> = { adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad', sgd: 'SGD', momentum: 'SGD+momentum' };

/** How progress lines and plots name the optimizer. */
export function optimizerLabel(o: OptimizerChoice | undefined): string {
  return OPTIMIZER_LABEL[o ?? 'adam'];
}
