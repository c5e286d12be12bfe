/**
 * The kernel-argument checks every backend applies (as the native addon does), exported
 * from @recur/core as the namespace `kernelChecks` for backends in other packages.
 */
export { checkBackward, checkForward, checkGemm, checkSoftmax, checkTranspose } from './check-args.ts';
export type { GemmCall, Part, RecurrentCall, Slot, SoftmaxCall, TransposeCall } from './check-args.ts';
export { ArgReader, CELL_NAMES, checkDisjointOutputs, commonDtype, expectLen, expectMinLen, product, shapeLen } from './arg-reader.ts';
export type { ArrayArg, ArrayKind, CellCode, Dtype } from './arg-reader.ts';
export { describe as describeValue, jsNumber, typedArrayName } from './describe-value.ts';
