/**
 * TensorFlow.js with its pure-JS 'cpu' backend or its 'wasm' backend (one thread in Node):
 * tf.layers.lstm / gru / simpleRNN returning all hidden states, batch-major [B, T, X].
 * glorotUniform for both kernels: the default orthogonal init takes minutes for n_a=512 on
 * the cpu backend. Gradients come from tf.variableGrads of sum(outputs · G), which includes
 * the input gradient (x is a variable). Keras' GRU is the reset-before form (TF.js supports
 * only that); its cost is the same as reset-after's up to one elementwise product.
 */
import type * as TF from '@tensorflow/tfjs';
import type { GemmItem, Item, RecurrentItem } from '../plan.js';
import type { Loaded, Runner } from './js-system.js';

type Tf = typeof TF;

function makeLayer(tf: Tf, it: RecurrentItem): TF.layers.Layer {
  const common = {
    units: it.H,
    returnSequences: true,
    kernelInitializer: 'glorotUniform' as const,
    recurrentInitializer: 'glorotUniform' as const,
    inputShape: [it.T, it.X],
  };
  if (it.cell === 'lstm') return tf.layers.lstm(common);
  if (it.cell === 'gru') return tf.layers.gru(common);
  return tf.layers.simpleRNN(common);
}

function recurrentRunner(tf: Tf, it: RecurrentItem, keep: TF.TensorContainer[]): Runner {
  const layer = makeLayer(tf, it);
  const x = tf.variable(tf.randomUniform([it.B, it.T, it.X], -1, 1), true);
  const g = tf.randomUniform([it.B, it.T, it.H], -1, 1);
  keep.push(x, g);
  const apply = (): TF.Tensor => layer.apply(x) as TF.Tensor;
  // Builds the weights outside the timed calls; they depend on X only, so one step of one
  // example suffices (a full-size call would cost as much as a timed one).
  tf.tidy(() => void layer.apply(tf.zeros([1, 1, it.X])));
  keep.push(...layer.getWeights());
  if (it.work === 'forward') {
    return () => tf.tidy(() => void apply().dataSync());
  }
  return () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(apply(), g)) as TF.Scalar);
      for (const grad of Object.values(grads)) grad.dataSync();
    });
}

function gemmRunner(tf: Tf, it: GemmItem, keep: TF.TensorContainer[]): Runner {
  const a = tf.randomUniform([it.M, it.K], -1, 1);
  const b = tf.randomUniform([it.K, it.N], -1, 1);
  keep.push(a, b);
  return () => tf.tidy(() => void tf.matMul(a, b).dataSync());
}

export async function loadTfjs(backend: 'cpu' | 'wasm'): Promise<Loaded> {
  let tf: Tf;
  try {
    tf = await import('@tensorflow/tfjs');
    if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  } catch (e) {
    return { missing: `@tensorflow/tfjs${backend === 'wasm' ? '-backend-wasm' : ''} is not installed: ${(e as Error).message}` };
  }
  if (!(await tf.setBackend(backend))) return { missing: `tf.setBackend('${backend}') failed` };
  await tf.ready();
  let keep: TF.TensorContainer[] = [];
  const release = (): void => {
    tf.dispose(keep);
    tf.disposeVariables();
    keep = [];
  };
  const prepare = (item: Item): Runner | { unsupported: string } => {
    release();
    if (item.dtype === 'f64') return { unsupported: 'TF.js has no float64 dtype' };
    if (item.kind === 'seed' || item.kind === 'stream') return { unsupported: `the ${item.kind} items are recur API items (NumPy, ONNX Runtime and recur only)` };
    return item.kind === 'gemm' ? gemmRunner(tf, item, keep) : recurrentRunner(tf, item, keep);
  };
  return { version: tf.version.tfjs, details: { backend: tf.getBackend(), threads: 1 }, prepare, release };
}
