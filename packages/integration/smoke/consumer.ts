// A TypeScript consumer of the installed tarballs: `tsc --noEmit` must resolve every type
// from the packages' own .d.ts files (NodeNext and Bundler resolution both).
import {
  getBackend, listBackends, lstmBackward, lstmForward, RandomState, setBackend, Tensor,
  decodeSafetensors, encodeSafetensors,
} from '@recur/core';
import type { Backend, DType, LstmParams } from '@recur/core';

const rng = new RandomState(1);
const dtype: DType = 'float64';
const x: Tensor = rng.randn(3, 10, 7);
const a0 = rng.randn(5, 10);
const params: LstmParams = {
  Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
  Wc: rng.randn(5, 8), bc: rng.randn(5, 1), Wo: rng.randn(5, 8), bo: rng.randn(5, 1),
  Wy: rng.randn(2, 5), by: rng.randn(2, 1),
};
const { a, caches } = lstmForward(x, a0, params);
const grads = lstmBackward(a, caches);
const shape: readonly number[] = grads.dWf.shape;
const backend: Backend = getBackend();
const names: string[] = listBackends();
setBackend(backend.name);
const round = decodeSafetensors(encodeSafetensors({ w: Tensor.zeros([2, 2], dtype) }));
export const summary = { shape, names, w: round.tensors.w.toArray() };

// @ts-expect-error: the seed API rejects a params object without its keys at compile time.
lstmForward(x, a0, { Wf: x });
