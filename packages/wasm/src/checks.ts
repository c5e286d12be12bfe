/**
 * One function per kernel: reads the positional arguments and checks them exactly as the
 * native addon does. Declared once in @recur/core (backend/check-args), shared with the ts
 * backend; nothing here touches WebAssembly memory.
 */
import { kernelChecks } from '@recur/core';

export const { checkBackward, checkForward, checkGemm, checkSoftmax, checkTranspose } = kernelChecks;
export type GemmCall = kernelChecks.GemmCall;
export type Part = kernelChecks.Part;
export type RecurrentCall = kernelChecks.RecurrentCall;
export type Slot = kernelChecks.Slot;
export type SoftmaxCall = kernelChecks.SoftmaxCall;
export type TransposeCall = kernelChecks.TransposeCall;
