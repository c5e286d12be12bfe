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
export { encodeSafetensors, decodeSafetensors, SafetensorsError, DEFAULT_MAX_HEADER_BYTES } from './io/safetensors.js';
export type { SafetensorsFile, DecodeOptions } from './io/safetensors.js';
