// Backend-agnostic checks of the layers, losses and heads (framework-free: they return numbers,
// the caller asserts). Run them after setBackend(...) to test any backend.
export { compareGradients, numericGradient, dot } from './gradient-check.js';
export type { GradientComparison } from './gradient-check.js';
export { recurrentCheckCases, checkRecurrentGradients, checkPaddingIsInert, createLayer, CELL_VARIANTS } from './recurrent-cases.js';
export type { RecurrentCheckCase, PaddingReport, CellVariant } from './recurrent-cases.js';
export { batchVersusPerExample, float32VersusFloat64, reverseDirectionVersusReversedRun, stackVersusChain } from './recurrent-structure-cases.js';
export { checkDenseGradients, checkEmbeddingGradients, checkCrossEntropyGradients, checkMSEGradients } from './head-and-loss-cases.js';
