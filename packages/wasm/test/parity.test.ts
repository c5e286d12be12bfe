/** The wasm kernels against the ts reference backend on random and empty shapes (f64 1e-12, f32 2e-5). */
import { describeParityWithTs } from '../../native/test/parity-suite.ts';
import { initWasm, wasmBackend } from '../src/index.ts';

const loaded = await initWasm();
if (!loaded.available) throw new Error(`recur.wasm did not load: ${loaded.reason}`);

describeParityWithTs('wasm', wasmBackend, false);
