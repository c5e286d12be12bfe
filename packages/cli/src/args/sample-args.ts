/** `recur sample` flags. */
import { UsageError } from '../cli-error.js';
import { parseFlags, type FlagSpecs } from './parse-flags.js';
import type { BackendChoice } from './train-args.js';
import { callerPath, type Env } from '../invocation.js';

export const SAMPLE_FLAGS = {
  from: { kind: 'string', arg: 'DIR', help: 'run directory written by recur train' },
  n: { kind: 'int', min: 1, max: 100000, help: 'how many samples (default 10)' },
  temperature: { kind: 'number', min: 0, max: 100, arg: 'T', help: '0 picks the likeliest symbol; higher is more adventurous (default 0.8)' },
  seed: { kind: 'int', min: 0, max: 0xffffffff, help: 'seed of the draws (default 0)' },
  prefix: { kind: 'string', arg: 'TEXT', help: 'every sample starts with this text' },
  'max-length': { kind: 'int', min: 1, max: 100000, help: 'longest sample in symbols, prefix included (default 64)' },
  backend: { kind: 'enum', values: ['auto', 'ts', 'native', 'wasm'], help: 'kernels: auto (default: native, else wasm, else ts), ts, native, wasm' },
} as const satisfies FlagSpecs;

export interface SampleArgs {
  from: string;
  n: number;
  temperature: number;
  seed: number;
  prefix: string;
  maxLength: number;
  backend: BackendChoice;
}

export function parseSampleArgs(argv: readonly string[], env: Env = {}): SampleArgs {
  const f = parseFlags('sample', argv, SAMPLE_FLAGS);
  const given = f.get('from') as string | undefined;
  const from = given === undefined ? undefined : callerPath(given, env);
  if (from === undefined) throw new UsageError(`'recur sample' needs --from DIR (a directory written by recur train)`);
  const prefix = (f.get('prefix') as string | undefined) ?? '';
  const maxLength = (f.get('max-length') as number | undefined) ?? 64;
  if ([...prefix].length >= maxLength) throw new UsageError(`--prefix is ${[...prefix].length} symbols, not shorter than --max-length ${maxLength}`);
  return {
    from,
    n: (f.get('n') as number | undefined) ?? 10,
    temperature: (f.get('temperature') as number | undefined) ?? 0.8,
    seed: (f.get('seed') as number | undefined) ?? 0,
    prefix,
    maxLength,
    backend: (f.get('backend') as BackendChoice | undefined) ?? 'auto',
  };
}
