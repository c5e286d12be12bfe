import { describe, expect, it } from 'vitest';
import { parseSampleArgs } from '../src/args/sample-args.js';
import { parseTrainArgs } from '../src/args/train-args.js';
import { UsageError } from '../src/cli-error.js';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('recur train flags', () => {
  it('defaults', () => {
    const a = parseTrainArgs(['--out', 'runs/x']);
    expect(a).toEqual({
      data: undefined,
      out: 'runs/x',
      resume: undefined,
      overwrite: false,
      steps: 1000,
      backend: 'auto',
      sampleEvery: 100,
      checkpointEvery: 100,
      model: { hidden: 128, layers: 1, cell: 'lstm', batch: 32, seqLen: 32, optimizer: 'adam', lr: 0.01, seed: 0, dtype: 'float64' },
    });
  });

  it('every flag, in both --name value and --name=value forms', () => {
    const a = parseTrainArgs([
      '--data', 'names.txt', '--out=o', '--hidden', '64', '--layers=2', '--cell', 'gru', '--steps', '300',
      '--batch', '16', '--seq-len', '20', '--optimizer', 'rmsprop', '--lr', '3e-3', '--seed', '4294967295', '--backend', 'ts',
      '--sample-every', '0', '--checkpoint-every=50', '--dtype', 'float32', '--overwrite',
    ]);
    expect(a.data).toBe('names.txt');
    expect(a.out).toBe('o');
    expect(a.overwrite).toBe(true);
    expect(a.steps).toBe(300);
    expect(a.backend).toBe('ts');
    expect(a.sampleEvery).toBe(0);
    expect(a.checkpointEvery).toBe(50);
    expect(a.model).toEqual({ hidden: 64, layers: 2, cell: 'gru', batch: 16, seqLen: 20, optimizer: 'rmsprop', lr: 0.003, seed: 4294967295, dtype: 'float32' });
  });

  it('bad values name the flag, the expectation and what was given', () => {
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--steps', '3.5']))).toBe('--steps must be an integer >= 1, got "3.5"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--steps', '0']))).toBe('--steps must be an integer >= 1, got "0"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--hidden', 'ten']))).toBe('--hidden must be an integer in 1..4096, got "ten"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--seed', '-1']))).toBe('--seed must be an integer in 0..4294967295, got "-1"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--lr', '0']))).toBe('--lr must be a number > 0 and <= 10, got "0"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--lr', 'NaN']))).toBe('--lr must be a number > 0 and <= 10, got "NaN"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--lr', '0x10']))).toBe('--lr must be a number > 0 and <= 10, got "0x10"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--cell', 'LSTM']))).toBe('--cell must be one of lstm, gru, rnn, got "LSTM"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--backend', 'gpu']))).toBe('--backend must be one of auto, ts, native, wasm, got "gpu"');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--dtype', 'float16']))).toBe('--dtype must be one of float64, float32, got "float16"');
    expect(usageError(() => parseTrainArgs(['--out', '']))).toBe('--out must not be empty');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--overwrite=yes']))).toBe('--overwrite takes no value (or =true/=false), got "yes"');
  });

  it('unknown, repeated, valueless flags and stray arguments', () => {
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--hiden', '3']))).toBe("unknown flag --hiden for 'recur train' (did you mean --hidden?); see 'recur train --help'");
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--zzzzzz']))).toBe("unknown flag --zzzzzz for 'recur train'; see 'recur train --help'");
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--steps', '5', '--steps', '6']))).toBe('--steps is given more than once');
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--steps']))).toBe('--steps needs a value: total optimizer steps of the run (default 1000)');
    expect(usageError(() => parseTrainArgs(['--steps', '--out', 'o']))).toMatch(/^--steps needs a value/);
    expect(usageError(() => parseTrainArgs(['--out', 'o', 'extra']))).toBe(`unexpected argument "extra" for 'recur train' (flags look like --name value)`);
    expect(usageError(() => parseTrainArgs(['-o', 'x']))).toMatch(/^unexpected argument "-o"/);
  });

  it('--out is required for a new run; --resume fixes the model settings', () => {
    expect(usageError(() => parseTrainArgs(['--steps', '5']))).toBe("'recur train' needs --out DIR (where the checkpoint and the loss plot go), or --resume DIR");
    const r = parseTrainArgs(['--resume', 'runs/a']);
    expect(r.out).toBe('runs/a');
    expect(r.steps).toBeUndefined();
    expect(parseTrainArgs(['--resume', 'runs/a', '--steps', '9', '--backend', 'ts', '--sample-every', '3']).steps).toBe(9);
    expect(usageError(() => parseTrainArgs(['--resume', 'r', '--hidden', '8']))).toBe('--hidden cannot be combined with --resume: a resumed run keeps the settings saved in its checkpoint');
    expect(usageError(() => parseTrainArgs(['--resume', 'r', '--lr', '0.1']))).toMatch(/^--lr cannot be combined with --resume/);
    expect(usageError(() => parseTrainArgs(['--resume', 'r', '--optimizer', 'sgd']))).toMatch(/^--optimizer cannot be combined with --resume/);
    expect(usageError(() => parseTrainArgs(['--out', 'o', '--optimizer', 'lbfgs']))).toMatch(/--optimizer/);
    expect(usageError(() => parseTrainArgs(['--resume', 'r', '--overwrite']))).toMatch(/^--overwrite cannot be combined with --resume/);
    expect(usageError(() => parseTrainArgs(['--resume', 'r', '--out', 'other']))).toBe('--out cannot differ from --resume: a resumed run continues in its own directory (r)');
    expect(parseTrainArgs(['--resume', 'r', '--out', 'r']).out).toBe('r');
  });
});

describe('recur sample flags', () => {
  it('defaults and values', () => {
    expect(parseSampleArgs(['--from', 'd'])).toEqual({ from: 'd', n: 10, temperature: 0.8, seed: 0, prefix: '', maxLength: 64, backend: 'auto' });
    expect(parseSampleArgs(['--from', 'd', '--n', '3', '--temperature', '0', '--seed', '7', '--prefix', '-Ma', '--max-length', '5'])).toEqual({
      from: 'd', n: 3, temperature: 0, seed: 7, prefix: '-Ma', maxLength: 5, backend: 'auto',
    });
  });

  it('errors', () => {
    expect(usageError(() => parseSampleArgs([]))).toBe("'recur sample' needs --from DIR (a directory written by recur train)");
    expect(usageError(() => parseSampleArgs(['--from', 'd', '--temperature', '-1']))).toBe('--temperature must be a number >= 0 and <= 100, got "-1"');
    expect(usageError(() => parseSampleArgs(['--from', 'd', '--n', '0']))).toBe('--n must be an integer in 1..100000, got "0"');
    expect(usageError(() => parseSampleArgs(['--from', 'd', '--prefix', 'Mary', '--max-length', '4']))).toBe('--prefix is 4 symbols, not shorter than --max-length 4');
    expect(usageError(() => parseSampleArgs(['--from', 'd', '--steps', '4']))).toBe("unknown flag --steps for 'recur sample'; see 'recur sample --help'");
  });
});
