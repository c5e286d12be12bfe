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
export { saveModelBytes, loadModelBytes, MODEL_FILE_FORMAT, MODEL_FILE_VERSION, MODEL_METADATA_KEYS } from './io/model-file.js';
export type { SavableModel, SaveModelOptions, LoadModelOptions } from './io/model-file.js';
export { fromPyTorchStateDict, toPyTorchStateDict } from './io/pytorch.js';
export type { PyTorchModuleKind, FromPyTorchOptions, ToPyTorchOptions } from './io/pytorch.js';
export { fromKerasWeights, toKerasWeights } from './io/keras.js';
export type { KerasLayerKind, KerasCellWeights, KerasLayerWeights, KerasLayerConfig, FromKerasOptions } from './io/keras.js';
// Layers, losses, optimizers and the character-level language model (training API).
export { SimpleRNN } from './layers/simple-rnn.js';
export { LSTM } from './layers/lstm.js';
export { GRU } from './layers/gru.js';
export { RecurrentLayer } from './layers/recurrent-layer.js';
export type { RecurrentOptions, LSTMOptions, GRUOptions, RecurrentConfig } from './layers/recurrent-config.js';
export type { RecurrentForwardOptions, RecurrentForwardResult } from './layers/recurrent-forward.js';
export type { RecurrentBackwardOptions, RecurrentBackwardResult } from './layers/recurrent-backward.js';
export type { RecurrentContext } from './layers/recurrent-context.js';
export { Dense } from './layers/dense.js';
export type { DenseOptions, DenseContext } from './layers/dense.js';
export { Embedding, oneHot } from './layers/embedding.js';
export type { EmbeddingOptions, EmbeddingContext } from './layers/embedding.js';
export { zeroGrad, prefixParameters } from './layers/parameter.js';
export type { NamedParameter } from './layers/parameter.js';
export { lengthsFromMask } from './layers/sequence-lengths.js';
export type { Lengths } from './layers/sequence-lengths.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export type { CrossEntropyResult, LossResult } from './losses/softmax-cross-entropy.js';
export { mse } from './losses/mse.js';
export type { MSEResult } from './losses/mse.js';
export type { MaskOptions } from './losses/valid-positions.js';
export { Optimizer } from './optim/optimizer.js';
export type { OptimizerState } from './optim/optimizer.js';
export { SGD } from './optim/sgd.js';
export type { SGDOptions } from './optim/sgd.js';
export { Adam } from './optim/adam.js';
export type { AdamOptions } from './optim/adam.js';
export { clipGradNorm, clipGradValue, gradNorm } from './optim/clip-grad.js';
export { createOptimizer } from './optim/create-optimizer.js';
export type { OptimizerConfig } from './optim/create-optimizer.js';
export { CharLM } from './models/char-lm.js';
export type { CharBatch, CharLMRecurrentState, CharLMForward, CharLMContext, StepResult } from './models/char-lm.js';
export type { CharLMOptions, CharLMConfig } from './models/char-lm-config.js';
export { CHARLM_FORMAT, CHARLM_VERSION } from './models/char-lm-state.js';
export type { CharLMState } from './models/char-lm-state.js';
export { sampleFromLogits } from './models/sample.js';
