/**
 * Every kernel check of the ts reference (gemm grid, softmax, each cell's forward against a
 * naive loop, gradients by finite differences, lengths, empty and odd shapes, float32)
 * on the wasm backend.
 */
import { describeKernelChecks } from '@recur/testkit/backend/kernel-checks';
import { initWasm, wasmBackend } from '../src/index.ts';

const loaded = await initWasm();
if (!loaded.available) throw new Error(`recur.wasm did not load: ${loaded.reason}`);

describeKernelChecks(wasmBackend);
