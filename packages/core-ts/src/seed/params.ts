/**
 * Seed parameters <-> the kernels' stacked gate weights.
 *
 * The seed multiplies from the left: a_t = tanh(Waa·a_{t-1} + Wax·x_t + ba), with Wax (n_a, n_x).
 * The kernels multiply rows from the right: h_t = x_t·wx + h_{t-1}·wh + bx, wx [X, G*H].
 * So wx is Wax transposed; for the LSTM each gate weight W* (n_a, n_a + n_x) acts on
 * concat[a_prev; x_t]: its columns 0..n_a are the recurrent block (-> wh), columns n_a.. the
 * input block (-> wx), each transposed into the gate's column band of the stack.
 */
import { getBackend } from '../backend/registry.ts';
import { GATE_ORDER } from '../backend/types.ts';
import { WEIGHT_LAYOUTS } from '../io/weight-layouts.ts';
import { Tensor, allocate } from '../tensor.ts';
import type { DType, FloatArray } from '../tensor.ts';
import type { LstmParamGradients, LstmParams, PackedWeights, RnnParams } from './types.ts';

/**
 * The seed's LSTM gate parameters in the kernels' stacking order (GATE_ORDER.lstm: i, f, g, o
 * -> Wi, Wf, Wc, Wo), named from the 'seed' row of the weight-layout table.
 */
const LSTM_GATES = GATE_ORDER.lstm.map((g) => {
  const name = WEIGHT_LAYOUTS.seed.gateNames.lstm[g];
  return { W: `W${name}`, b: `b${name}` } as { W: 'Wi' | 'Wf' | 'Wc' | 'Wo'; b: 'bi' | 'bf' | 'bc' | 'bo' };
});

/**
 * Writes the transpose of a rows x cols block of src (row stride ldSrc) into dst (row stride
 * ldDst): dst[c][r] = src[r][c]. Offsets are taken by subarray views.
 */
function transposeInto(src: FloatArray, rows: number, cols: number, dst: FloatArray, ldDst: number, ldSrc = cols): void {
  getBackend().transpose({ count: 1, rows, cols, src, ldSrc, srcBatch: 0, dst, ldDst, dstBatch: 0 });
}

export function packRnnParams(params: RnnParams, X: number, H: number, dtype: DType): PackedWeights {
  const wx = allocate(dtype, X * H);
  const wh = allocate(dtype, H * H);
  const bx = allocate(dtype, H);
  transposeInto(params.Wax.data, H, X, wx, H);
  transposeInto(params.Waa.data, H, H, wh, H);
  bx.set(params.ba.data);
  return { wx, wh, bx };
}

/** dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1) from the stacked gradients. */
export function unpackRnnGradients(dwx: FloatArray, dwh: FloatArray, dbx: FloatArray, X: number, H: number, dtype: DType): { dWax: Tensor; dWaa: Tensor; dba: Tensor } {
  const dWax = allocate(dtype, H * X);
  const dWaa = allocate(dtype, H * H);
  transposeInto(dwx, X, H, dWax, X);
  transposeInto(dwh, H, H, dWaa, H);
  const dba = allocate(dtype, H);
  dba.set(dbx);
  return { dWax: new Tensor(dWax, [H, X]), dWaa: new Tensor(dWaa, [H, H]), dba: new Tensor(dba, [H, 1]) };
}

export function packLstmParams(params: LstmParams, X: number, H: number, dtype: DType): PackedWeights {
  const G4 = 4 * H;
  const C = H + X;
  const wx = allocate(dtype, X * G4);
  const wh = allocate(dtype, H * G4);
  const bx = allocate(dtype, G4);
  LSTM_GATES.forEach((gate, g) => {
    const W = params[gate.W].data;
    transposeInto(W, H, H, wh.subarray(g * H), G4, C); // columns 0..n_a act on a_prev
    transposeInto(W.subarray(H), H, X, wx.subarray(g * H), G4, C); // columns n_a.. act on x_t
    bx.set(params[gate.b].data, g * H);
  });
  return { wx, wh, bx };
}

/** dW* (n_a, n_a + n_x) and db* (n_a, 1) of the four gates from the stacked gradients. */
export function unpackLstmGradients(dwx: FloatArray, dwh: FloatArray, dbx: FloatArray, X: number, H: number, dtype: DType): LstmParamGradients {
  const G4 = 4 * H;
  const C = H + X;
  const out: Partial<Record<keyof LstmParamGradients, Tensor>> = {};
  LSTM_GATES.forEach((gate, g) => {
    const dW = allocate(dtype, H * C);
    transposeInto(dwh.subarray(g * H), H, H, dW, C, G4); // dW[j][k] = dwh[k][gH + j]
    transposeInto(dwx.subarray(g * H), X, H, dW.subarray(H), C, G4); // dW[j][H + i] = dwx[i][gH + j]
    const db = allocate(dtype, H);
    db.set(dbx.subarray(g * H, (g + 1) * H));
    out[`d${gate.W}`] = new Tensor(dW, [H, C]);
    out[`d${gate.b}`] = new Tensor(db, [H, 1]);
  });
  return out as LstmParamGradients;
}
