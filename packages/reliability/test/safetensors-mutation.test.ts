// Mutations of valid safetensors model files (blind byte flips, truncations, appended bytes,
// header-length edits; and header-aware edits of offsets, dtypes, shapes, number spellings,
// entries, metadata and model config, encodings) fed to decodeSafetensors and loadModelBytes
// in a child process: each load returns a self-consistent result or throws a TypeError /
// RangeError with a clear message; no crash, no hang, no call slower than 5 s.
import { expect, it } from 'vitest';
import { assertNativeIfRequired } from '../src/backends.js';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface MutationResult {
  mutants: number;
  loads: number;
  loaded: number;
  rejected: number;
  perKind: Record<string, number>;
  perBase: Record<string, { bytes: number; mutants: number }>;
  slowestMs: number;
  slowest: string;
  violations: { kind: string; base: string; fn: string; problem: string }[];
}

const SEEDS = [21, 22];
const MUTANTS_PER_BASE = 800;

it(`safetensors mutation fuzz: ${SEEDS.length} seeds x 6 base files x ~${MUTANTS_PER_BASE} mutants, in a child process`, () => {
  assertNativeIfRequired();
  for (const seed of SEEDS) {
    const run = runChild<MutationResult>('safetensors-mutate.mjs', [String(seed), String(MUTANTS_PER_BASE)], { timeoutMs: 150_000 });
    expect(run.failure, `seed ${seed}: ${run.stderr.slice(-2000)}`).toBeNull();
    const r = run.result!;
    expect(r.violations, `seed ${seed}`).toEqual([]);
    // Every mutation kind ran, and both outcomes happened (some mutants still load, e.g. a flipped data byte).
    expect(Object.keys(r.perKind).length).toBe(11);
    expect(r.loaded).toBeGreaterThan(0);
    expect(r.rejected).toBeGreaterThan(0);
    expect(r.loaded + r.rejected).toBe(r.loads);
    tally('safetensors mutants (child process)', {
      scope: 'process',
      cases: r.mutants,
      calls: r.loads,
      rejected: r.rejected,
      notes: `slowest load ${r.slowestMs} ms (${r.slowest}); largest base ${Math.max(...Object.values(r.perBase).map((b) => b.bytes))} bytes`,
    });
  }
});
