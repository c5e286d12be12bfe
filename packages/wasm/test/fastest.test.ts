/**
 * useFastestBackend: native -> wasm -> ts, each step's reason reported. One process, in
 * order: a module that fails to load leaves ts current (with wasm's reason); native: false
 * gives wasm; the default gives native where @recur/native loads here (it is in this
 * repository; with RECUR_REQUIRE_NATIVE=1, as in CI, it must).
 */
import { getBackend } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER, useFastestBackend } from '../src/index.ts';

describe('useFastestBackend', () => {
  it('documents its order', () => {
    expect(BACKEND_ORDER).toEqual(['native', 'wasm', 'ts']);
  });

  it('falls back to ts when the wasm module cannot be loaded, saying why', async () => {
    const saved = process.env.RECUR_REQUIRE_WASM;
    delete process.env.RECUR_REQUIRE_WASM;
    try {
      const r = await useFastestBackend({ native: false, wasm: new Uint8Array([0, 1, 2, 3]) });
      expect(r.name).toBe('ts');
      expect(r.skipped).toHaveLength(1);
      expect(r.skipped[0].name).toBe('wasm');
      expect(r.skipped[0].reason).toMatch(/\S/);
      expect(getBackend().name).toBe('ts');
    } finally {
      if (saved !== undefined) process.env.RECUR_REQUIRE_WASM = saved;
    }
  });

  it('takes wasm when native is not wanted (or not there)', async () => {
    const r = await useFastestBackend({ native: false });
    expect(r).toEqual({ name: 'wasm', skipped: [] });
    expect(getBackend().name).toBe('wasm');
  });

  it('takes native first when @recur/native loads, else wasm with the reason', async () => {
    const r = await useFastestBackend();
    if (r.name === 'native') {
      expect(r.skipped).toEqual([]);
    } else {
      expect(process.env.RECUR_REQUIRE_NATIVE, `native was required: ${JSON.stringify(r.skipped)}`).not.toBe('1');
      expect(r.name).toBe('wasm');
      expect(r.skipped.map((s) => s.name)).toEqual(['native']);
    }
    expect(getBackend().name).toBe(r.name);
  });
});
