// Backend-agnostic checks of the layers, losses and heads (framework-free: they return numbers,
// the caller asserts). Run them after setBackend(...) to test any backend.
export { compareGradients, numericGradient, dot } from './gradient-check.ts';
export type { GradientComparison } from './gradient-check.ts';
export { recurrentCheckCases, checkRecurrentGradients, checkPaddingIsInert, createLayer, CELL_VARIANTS, ACTIVATION_VARIANTS, activationLayerRefusal } from './recurrent-cases.ts';
export type { RecurrentCheckCase, PaddingReport, CellVariant } from './recurrent-cases.ts';
export { batchVersusPerExample, float32VersusFloat64, reverseDirectionVersusReversedRun, stackVersusChain } from './recurrent-structure-cases.ts';
export { streamVersusForward } from './stream-cases.ts';
export { checkDenseGradients, checkEmbeddingGradients, checkCrossEntropyGradients, checkMSEGradients } from './head-and-loss-cases.ts';
