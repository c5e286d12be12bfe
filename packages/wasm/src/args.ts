/** The kernel-argument reader and checks are declared once, in @recur/core (backend/check-args). */
import { kernelChecks } from '@recur/core';

export type ArrayArg = kernelChecks.ArrayArg;
export type ArrayKind = kernelChecks.ArrayKind;
export type CellCode = kernelChecks.CellCode;
export type Dtype = kernelChecks.Dtype;
