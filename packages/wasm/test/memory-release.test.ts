/**
 * A WebAssembly memory only grows: after one call that needed more than
 * RETAINED_MEMORY_BYTES, the machine gives the memory back once it has been idle for
 * IDLE_RELEASE_MS (a fresh instance takes over); calls in quick succession keep it, and
 * every call computes the same numbers before and after.
 */
import { describe, expect, it } from 'vitest';
import { IDLE_RELEASE_MS, RETAINED_MEMORY_BYTES, initWasm, wasmBackend, wasmMachine } from '../src/index.ts';

const memoryBytes = (): number => wasmMachine()!.exports.memory.buffer.byteLength;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** c = a (m x 1) * b (1 x 1), with a and c together above the retained size. */
function bigColumnScale(scale: number): { a: Float64Array; c: Float64Array } {
  const m = RETAINED_MEMORY_BYTES / 8 / 2 + 4096;
  const a = new Float64Array(m);
  for (let i = 0; i < m; i += 4099) a[i] = i;
  const c = new Float64Array(m);
  wasmBackend.gemm({ transA: false, transB: false, m, n: 1, k: 1, alpha: 1, a, lda: 1, b: Float64Array.of(scale), ldb: 1, beta: 0, c, ldc: 1 });
  return { a, c };
}

function smallGemm(): number[] {
  const a = Float64Array.of(1, 2, 3, 4);
  const c = new Float64Array(4);
  wasmBackend.gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: a, ldb: 2, beta: 0, c, ldc: 2 });
  return Array.from(c);
}

describe('wasm linear memory after a huge call', () => {
  it('is kept between calls in quick succession, given back once idle, and the results stay right', async () => {
    expect(await initWasm()).toEqual({ available: true });
    const before = memoryBytes();
    expect(before).toBeLessThanOrEqual(RETAINED_MEMORY_BYTES);

    const first = bigColumnScale(3);
    expect(first.c[4099 * 7]).toBe(3 * 4099 * 7);
    const grown = memoryBytes();
    expect(grown).toBeGreaterThan(RETAINED_MEMORY_BYTES);
    const instance = wasmMachine()!.exports;

    // Another call well inside the idle window: same instance, same memory (no re-growing).
    await sleep(IDLE_RELEASE_MS / 4);
    expect(smallGemm()).toEqual([7, 10, 15, 22]);
    expect(wasmMachine()!.exports).toBe(instance);
    expect(memoryBytes()).toBe(grown);

    // Idle for longer than the window: a fresh instance with a small memory.
    await sleep(IDLE_RELEASE_MS * 1.5);
    expect(wasmMachine()!.exports).not.toBe(instance);
    expect(memoryBytes()).toBeLessThanOrEqual(RETAINED_MEMORY_BYTES);
    expect(smallGemm()).toEqual([7, 10, 15, 22]);
    const again = bigColumnScale(3);
    // (A loop: a deep equality of two 16M-element arrays would exhaust the test's heap.)
    let differ = 0;
    for (let i = 0; i < first.c.length; i++) if (again.c[i] !== first.c[i]) differ++;
    expect(differ).toBe(0);
  });
});
