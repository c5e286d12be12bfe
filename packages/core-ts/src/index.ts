// @recur/core public API. Pure TypeScript: no Node built-ins, no runtime dependencies.
export { Tensor, allocate, allocateFor, dtypeOf, formatBytes, shapeSize, whileAllocating, MAX_ARRAY_BYTES, MAX_LAYER_BYTES } from './tensor.ts';
export type { DType, FloatArray, NestedArray } from './tensor.ts';
export { formatShape } from './errors.ts';
export { RandomState } from './random/random-state.ts';
export type {
  Backend,
  CellKind,
  RnnActivation,
  GateActivation,
  GemmArgs,
  TransposeArgs,
  SeqDims,
  RecurrentForwardArgs,
  RecurrentBackwardArgs,
} from './backend/types.ts';
export { GATE_ORDER, GATE_COUNT, gateStoreWidth } from './backend/types.ts';
export { KERNEL_SIGNATURES, kernelArgNames, toPositional } from './backend/kernel-signatures.ts';
export type { KernelArg, KernelArgKind, KernelName } from './backend/kernel-signatures.ts';
export * as kernelChecks from './backend/check-args/index.ts';
export { setBackend, getBackend, registerBackend, listBackends, findBackend } from './backend/registry.ts';
// The seed API: the notebook's eight functions (packages/core-ts/src/seed).
export { rnnCellForward, rnnCellBackward } from './seed/rnn-cell.ts';
export { rnnForward, rnnBackward } from './seed/rnn-sequence.ts';
export { lstmCellForward, lstmCellBackward } from './seed/lstm-cell.ts';
export { lstmForward, lstmBackward } from './seed/lstm-sequence.ts';
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
} from './seed/types.ts';
export { encodeSafetensors, decodeSafetensors, SafetensorsError, DEFAULT_MAX_HEADER_BYTES } from './io/safetensors.ts';
export type { SafetensorsFile, DecodeOptions } from './io/safetensors.ts';
export { saveModelBytes, loadModelBytes, MODEL_FILE_FORMAT, MODEL_FILE_VERSION, MODEL_METADATA_KEYS } from './io/model-file.ts';
export type { SavableModel, SavableModelClass, SaveModelOptions, LoadModelOptions } from './io/model-file.ts';
export { fromPyTorchStateDict, toPyTorchStateDict } from './io/pytorch.ts';
export type { PyTorchModuleKind, PyTorchLayerOf, FromPyTorchOptions, ToPyTorchOptions } from './io/pytorch.ts';
export { fromKerasWeights, toKerasWeights } from './io/keras.ts';
export { WEIGHT_LAYOUTS, gatePermutation } from './io/weight-layouts.ts';
export type { LayoutName, WeightLayout } from './io/weight-layouts.ts';
export { toOnnx, ONNX_OPSETS } from './onnx/to-onnx.ts';
export type { ToOnnxOptions, OnnxExportable } from './onnx/to-onnx.ts';
export { encodeOnnxModel, irVersionFor } from './onnx/onnx-model.ts';
export type { OnnxModelSpec, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo, OnnxAttribute, OnnxElementType } from './onnx/onnx-model.ts';
export type { KerasLayerKind, KerasLayerOf, KerasCellWeights, KerasLayerWeights, KerasLayerConfig, FromKerasOptions } from './io/keras.ts';
// Layers, losses, optimizers and the character-level language model (training API).
export { SimpleRNN } from './layers/simple-rnn.ts';
export { LSTM } from './layers/lstm.ts';
export { GRU } from './layers/gru.ts';
export { RecurrentLayer } from './layers/recurrent-layer.ts';
export type { RecurrentOptions, SimpleRNNOptions, LSTMOptions, GRUOptions, RecurrentConfig } from './layers/recurrent-config.ts';
export type { RecurrentForwardOptions, RecurrentForwardResult, RecurrentPredictResult } from './layers/recurrent-forward.ts';
export { RecurrentStream } from './layers/recurrent-stream.ts';
export type { RecurrentStreamOptions } from './layers/recurrent-stream.ts';
export type { RecurrentBackwardOptions, RecurrentBackwardResult } from './layers/recurrent-backward.ts';
export type { RecurrentContext } from './layers/recurrent-context.ts';
export { Dense } from './layers/dense.ts';
export type { DenseOptions, DenseContext } from './layers/dense.ts';
export { Dropout } from './layers/dropout.ts';
export type { DropoutOptions, DropoutContext } from './layers/dropout.ts';
export { Sequential } from './models/sequential.ts';
export type { SequentialOptions, SequentialConfig, SequentialContext } from './models/sequential.ts';
export type { SequentialLayer, SequentialLayerKind, SequentialLayerConfig, DenseConfig, EmbeddingConfig, DropoutConfig } from './models/sequential-layers.ts';
export type { FitOptions, FitCallbacks, EpochLogs, History, PredictOptions, EvaluateOptions, EvaluateResult, AbortSignalLike } from './models/fit.ts';
export type { LossName } from './models/sequential-data.ts';
export { Embedding, oneHot } from './layers/embedding.ts';
export type { EmbeddingOptions, EmbeddingContext } from './layers/embedding.ts';
export { zeroGrad, prefixParameters } from './layers/parameter.ts';
export type { NamedParameter } from './layers/parameter.ts';
export { lengthsFromMask } from './layers/sequence-lengths.ts';
export type { Lengths } from './layers/sequence-lengths.ts';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.ts';
export type { CrossEntropyResult, LossResult } from './losses/softmax-cross-entropy.ts';
export { mse } from './losses/mse.ts';
export type { MSEResult } from './losses/mse.ts';
export type { MaskOptions } from './losses/valid-positions.ts';
export { Optimizer } from './optim/optimizer.ts';
export type { OptimizerState } from './optim/optimizer.ts';
export { SGD } from './optim/sgd.ts';
export type { SGDOptions } from './optim/sgd.ts';
export { Adam } from './optim/adam.ts';
export type { AdamOptions } from './optim/adam.ts';
export { AdamW } from './optim/adamw.ts';
export type { AdamWOptions } from './optim/adamw.ts';
export { RMSprop } from './optim/rmsprop.ts';
export type { RMSpropOptions } from './optim/rmsprop.ts';
export { Adagrad } from './optim/adagrad.ts';
export type { AdagradOptions } from './optim/adagrad.ts';
export { LRScheduler, StepLR, ExponentialLR, CosineAnnealingLR, LinearLR } from './optim/lr-scheduler.ts';
export type { LRSchedulerState, StepLROptions, ExponentialLROptions, CosineAnnealingLROptions, LinearLROptions } from './optim/lr-scheduler.ts';
export { clipGradNorm, clipGradValue, gradNorm } from './optim/clip-grad.ts';
export { createOptimizer, OPTIMIZER_KINDS } from './optim/create-optimizer.ts';
export type { OptimizerConfig } from './optim/create-optimizer.ts';
export { CharLM } from './models/char-lm.ts';
export type { CharBatch, CharLMRecurrentState, CharLMForward, CharLMContext, StepResult } from './models/char-lm.ts';
export { CharLMStream } from './models/char-lm-stream.ts';
export type { CharLMOptions, CharLMConfig } from './models/char-lm-config.ts';
export { resolveCharLMConfig } from './models/char-lm-config.ts';
export { charLMShapes } from './io/model-shapes.ts';
export { CHARLM_FORMAT, CHARLM_VERSION } from './models/char-lm-state.ts';
export type { CharLMState } from './models/char-lm-state.ts';
export { sampleFromLogits } from './models/sample.ts';
