/**
 * recur's recurrent weights as ONNX LSTM / GRU / RNN operators, and a MatMul model.
 *
 * recur stacks gates along the columns: wx [X, G*H], wh [H, G*H], biases [G*H], gate order
 * LSTM i,f,g,o and GRU r,z,n (core's GATE_ORDER). ONNX stacks them along the rows of
 * W [1, G*H, X] and R [1, G*H, H], with B [1, 2*G*H] = (input biases, recurrent biases),
 * gate order LSTM i,o,f,c and GRU z,r,h. Both GRUs compute h_t = z*h_{t-1} + (1-z)*n, and
 * ONNX's linear_before_reset=1 is recur's reset-after form n = tanh(x·wx_n + bx_n + r*(h·wh_n + bh_n)).
 * Sequences are time-major in both: X [T, B, X], Y [T, 1, B, H] (one direction).
 * The gate orders come from @recur/core's weight-layout table and the bytes from its ONNX
 * writer; the graph stays one bare node (no reshapes), so ORT's time is the operator's.
 * (toOnnx writes whole models; these are built from the bench's raw arrays.)
 */
import { encodeOnnxModel, gatePermutation, type OnnxAttribute, type OnnxElementType, type OnnxTensor, type OnnxValueInfo } from '@recur/core';
import type { Cell, Dtype } from '../plan.js';
import { GATES } from '../plan.js';
import { zeros, type Floats } from './fill.js';

const OP_TYPE: Record<Cell, string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'RNN' };
const ELEMENT: Record<Dtype, OnnxElementType> = { f32: 'float32', f64: 'float64' };
/** The ONNX opset the models declare. */
const OPSET = 14;

interface OneNodeModel {
  opType: string;
  nodeInputs: readonly string[];
  nodeOutputs: readonly string[];
  attributes: readonly OnnxAttribute[];
  inputs: readonly OnnxValueInfo[];
  initializers: readonly OnnxTensor[];
  outputs: readonly OnnxValueInfo[];
}

function encodeModel(m: OneNodeModel): Uint8Array {
  return encodeOnnxModel({
    opset: OPSET,
    producerName: '@recur/bench',
    graph: {
      name: `recur-bench-${m.opType}`,
      nodes: [{ opType: m.opType, inputs: m.nodeInputs, outputs: m.nodeOutputs, name: m.opType.toLowerCase(), attributes: m.attributes }],
      initializers: m.initializers,
      inputs: m.inputs,
      outputs: m.outputs,
    },
  });
}

export interface RecurWeights {
  cell: Cell;
  X: number;
  H: number;
  dtype: Dtype;
  /** [X, G*H] */
  wx: Floats;
  /** [H, G*H] */
  wh: Floats;
  /** [G*H] */
  bx: Floats;
  /** [G*H] or null (zeros), added to the recurrent projection (recur's GRU). */
  bh: Floats | null;
}

export interface OnnxWeights {
  /** [1, G*H, X] */
  W: Floats;
  /** [1, G*H, H] */
  R: Floats;
  /** [1, 2*G*H] */
  B: Floats;
}

/** Transposes and reorders recur's gate blocks into ONNX's W, R and B. */
export function toOnnxWeights(w: RecurWeights): OnnxWeights {
  const { cell, X, H, dtype } = w;
  const GH = GATES[cell] * H;
  const W = zeros(dtype, GH * X);
  const R = zeros(dtype, GH * H);
  const B = zeros(dtype, 2 * GH);
  // For each ONNX gate slot, the index of the same gate in recur's order (LSTM i,o,f,c <- 0,3,1,2).
  gatePermutation(cell, 'recur', 'onnx').forEach((rg, g) => {
    for (let j = 0; j < H; j++) {
      const row = g * H + j;
      const col = rg * H + j;
      for (let x = 0; x < X; x++) W[row * X + x] = w.wx[x * GH + col];
      for (let k = 0; k < H; k++) R[row * H + k] = w.wh[k * GH + col];
      B[row] = w.bx[col];
      B[GH + row] = w.bh ? w.bh[col] : 0;
    }
  });
  return { W, R, B };
}

export interface RecurrentDims {
  T: number;
  B: number;
}

/**
 * One LSTM / GRU / RNN node returning every hidden state as Y [T, 1, B, H]. The weights are
 * initializers (constants of the model, as in a saved model, which ORT may pre-pack when the
 * session is created); X, initial_h (and initial_c) are fed at run time.
 */
export function recurrentModel(w: RecurWeights, d: RecurrentDims): Uint8Array {
  const { cell, X, H, dtype } = w;
  const GH = GATES[cell] * H;
  const { W, R, B } = toOnnxWeights(w);
  const type = ELEMENT[dtype];
  const initializers: OnnxTensor[] = [
    { name: 'W', dims: [1, GH, X], type, data: W },
    { name: 'R', dims: [1, GH, H], type, data: R },
    { name: 'B', dims: [1, 2 * GH], type, data: B },
  ];
  const inputs: OnnxValueInfo[] = [
    { name: 'X', dims: [d.T, d.B, X], type },
    { name: 'initial_h', dims: [1, d.B, H], type },
  ];
  // Operator inputs: X, W, R, B, sequence_lens (omitted), initial_h, and LSTM's initial_c.
  const nodeInputs = ['X', 'W', 'R', 'B', '', 'initial_h'];
  if (cell === 'lstm') {
    inputs.push({ name: 'initial_c', dims: [1, d.B, H], type });
    nodeInputs.push('initial_c');
  }
  const attributes: OnnxAttribute[] = [{ name: 'hidden_size', int: H }];
  if (cell === 'gru') attributes.push({ name: 'linear_before_reset', int: 1 });
  if (cell === 'rnn') attributes.push({ name: 'activations', strings: ['Tanh'] });
  return encodeModel({
    opType: OP_TYPE[cell],
    nodeInputs,
    nodeOutputs: ['Y'],
    attributes,
    inputs,
    initializers,
    outputs: [{ name: 'Y', dims: [d.T, 1, d.B, H], type }],
  });
}

/** Y [M, N] = A [M, K] · B [K, N], both fed at run time (like every system's GEMM operands). */
export function matmulModel(M: number, K: number, N: number, dtype: Dtype): Uint8Array {
  return encodeModel({
    opType: 'MatMul',
    nodeInputs: ['A', 'B'],
    nodeOutputs: ['Y'],
    attributes: [],
    inputs: [
      { name: 'A', dims: [M, K], type: ELEMENT[dtype] },
      { name: 'B', dims: [K, N], type: ELEMENT[dtype] },
    ],
    initializers: [],
    outputs: [{ name: 'Y', dims: [M, N], type: ELEMENT[dtype] }],
  });
}
