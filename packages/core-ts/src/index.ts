// @recur/core public API. Pure TypeScript: no Node built-ins, no runtime dependencies.
export { Tensor, allocate, dtypeOf, shapeSize } from './tensor.js';
export type { DType, FloatArray, NestedArray } from './tensor.js';
export { formatShape } from './errors.js';
export { RandomState } from './random/random-state.js';
export type {
  Backend,
  CellKind,
  GemmArgs,
  SeqDims,
  RecurrentForwardArgs,
  RecurrentBackwardArgs,
} from './backend/types.js';
export { GATE_ORDER, GATE_COUNT, gateStoreWidth } from './backend/types.js';
export { setBackend, getBackend, registerBackend, listBackends, findBackend } from './backend/registry.js';
// The seed API: the notebook's eight functions (packages/core-ts/src/seed).
export { rnnCellForward, rnnCellBackward } from './seed/rnn-cell.js';
export { rnnForward, rnnBackward } from './seed/rnn-sequence.js';
export { lstmCellForward, lstmCellBackward } from './seed/lstm-cell.js';
export { lstmForward, lstmBackward } from './seed/lstm-sequence.js';
export type {
  RnnParams,
  LstmParams,
  RnnCellCache,
  RnnCaches,
  LstmCellCache,
  LstmCaches,
  RnnCellForwardResult,
  RnnForwardResult,
  LstmCellForwardResult,
  LstmForwardResult,
  RnnCellGradients,
  RnnGradients,
  LstmParamGradients,
  LstmCellGradients,
  LstmGradients,
} from './seed/types.js';
export { encodeSafetensors, decodeSafetensors, SafetensorsError, DEFAULT_MAX_HEADER_BYTES } from './io/safetensors.js';
export type { SafetensorsFile, DecodeOptions } from './io/safetensors.js';
