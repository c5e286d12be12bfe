/**
 * The kernel checks every backend must pass, registered as vitest suites:
 *   describeKernelChecks(backend)
 * Used by the ts backend's own tests and meant for a cross-backend conformance package
 * (import it from this file; it is not part of @recur/core's public API).
 */
import { describe, it } from 'vitest';
import type { Backend, CellKind, GateActivation, RnnActivation } from '@recur/core';
import { checkGemmGrid } from './gemm-checks.ts';
import { activationRefusal, checkActivationRefused } from './activation-refusal.ts';
import {
  checkEmptyShapes, checkFloat32MatchesFloat64, checkForwardMatchesNaive, checkNullOptionals, checkSaturatedGates, checkLengthsSemantics, checkLengthsValidation, checkRecurrentGradients,
} from './recurrent-checks.ts';
import type { SeqSpec } from './sequence-fixtures.ts';
import { checkSoftmax } from './softmax-checks.ts';
import { checkTranspose, checkTransposeRejects } from './transpose-checks.ts';

export { checkGemmGrid } from './gemm-checks.ts';
export { checkSoftmax } from './softmax-checks.ts';
export { checkTranspose, checkTransposeRejects } from './transpose-checks.ts';
export * from './recurrent-checks.ts';
export * from './sequence-fixtures.ts';

/** The cell variants every sequence check runs on. */
export const CELL_VARIANTS: readonly { cell: CellKind; resetAfter?: boolean; label: string }[] = [
  { cell: 'rnn', label: 'rnn' },
  { cell: 'lstm', label: 'lstm' },
  { cell: 'gru', resetAfter: true, label: 'gru (resetAfter)' },
  { cell: 'gru', resetAfter: false, label: 'gru (reset before)' },
];

/** The non-default activations: checked like the defaults where a backend has them, else
 *  their refusal (a TypeError naming the option) is checked, so support shows as a parity check. */
export const ACTIVATION_VARIANTS: readonly {
  cell: CellKind; resetAfter?: boolean; activation?: RnnActivation; recurrentActivation?: GateActivation; label: string;
}[] = [
  { cell: 'rnn', activation: 'relu', label: 'rnn (relu)' },
  { cell: 'lstm', recurrentActivation: 'hardSigmoid', label: 'lstm (hardSigmoid)' },
  { cell: 'gru', resetAfter: true, recurrentActivation: 'hardSigmoid', label: 'gru (resetAfter, hardSigmoid)' },
  { cell: 'gru', resetAfter: false, recurrentActivation: 'hardSigmoid', label: 'gru (reset before, hardSigmoid)' },
];

export function describeKernelChecks(backend: Backend): void {
  describe(`backend '${backend.name}': gemm`, () => {
    it('matches a naive triple loop on a grid of sizes, transposes, alpha/beta and leading dimensions (float64)', () => {
      checkGemmGrid(backend, 'float64');
    });
    it('matches a naive triple loop on the same grid in float32', () => {
      checkGemmGrid(backend, 'float32');
    });
  });

  describe(`backend '${backend.name}': transpose`, () => {
    it('matches the index formula on batched, strided and offset blocks (float64)', () => checkTranspose(backend, 'float64'));
    it('matches the index formula in float32', () => checkTranspose(backend, 'float32'));
    it('rejects short arrays, overlapping rows, src overlapping dst and mixed dtypes', () => checkTransposeRejects(backend));
  });

  describe(`backend '${backend.name}': softmaxRows`, () => {
    it('is stable for huge, tiny and -Infinity values (float64)', () => checkSoftmax(backend, 'float64'));
    it('is stable for huge, tiny and -Infinity values (float32)', () => checkSoftmax(backend, 'float32'));
  });

  for (const v of CELL_VARIANTS) describeSequenceChecks(backend, v.label, { cell: v.cell, resetAfter: v.resetAfter });
  for (const v of ACTIVATION_VARIANTS) {
    const { label, ...base } = v;
    const refusal = activationRefusal(backend, base);
    if (refusal === null) describeSequenceChecks(backend, label, base);
    else {
      describe(`backend '${backend.name}': ${label} whole-sequence kernels`, () => {
        it(`is refused with a TypeError naming the option (not supported yet: ${refusal})`, () => checkActivationRefused(backend, base));
      });
    }
  }
}

type BaseSpec = Pick<SeqSpec, 'cell' | 'resetAfter' | 'activation' | 'recurrentActivation'>;

function describeSequenceChecks(backend: Backend, label: string, base: BaseSpec): void {
  describe(`backend '${backend.name}': ${label} whole-sequence kernels`, () => {
    it('forward matches the naive per-unit oracle (states and the gates store), with lengths', () => {
      checkForwardMatchesNaive(backend, { ...base, T: 5, B: 3, X: 4, H: 5, lengths: Int32Array.from([5, 0, 3]) }, 505);
    });
    it('forward matches the naive oracle without lengths on odd sizes', () => {
      checkForwardMatchesNaive(backend, { ...base, T: 7, B: 1, X: 7, H: 1 }, 606);
      checkForwardMatchesNaive(backend, { ...base, T: 3, B: 7, X: 1, H: 9 }, 607);
    });
    it('backward matches finite differences for every input, with lengths and all output gradients', () => {
      const spec: SeqSpec = { ...base, T: 4, B: 4, X: 3, H: 3, lengths: Int32Array.from([4, 0, 2, 3]) };
      checkRecurrentGradients(backend, spec, 101);
    });
    it('backward matches finite differences without lengths, with only dhT', () => {
      checkRecurrentGradients(backend, { ...base, T: 3, B: 2, X: 2, H: 5, lengths: null }, 202, false);
    });
    it('carries the state past each length and matches running the example alone', () => {
      checkLengthsSemantics(backend, { ...base, T: 5, B: 4, X: 3, H: 4, lengths: Int32Array.from([5, 0, 3, 1]) }, 303);
    });
    it('float32 agrees with float64 on the same inputs', () => {
      checkFloat32MatchesFloat64(backend, { ...base, T: 6, B: 3, X: 5, H: 7, lengths: Int32Array.from([6, 2, 4]) }, 404);
    });
    // relu is unbounded by definition: states of order 1e3 are its right answer, not saturation.
    if (base.activation !== 'relu') {
      it('stays finite with saturated gates (pre-activations around ±1e3)', () => {
        checkSaturatedGates(backend, { ...base, T: 4, B: 3, X: 3, H: 4, lengths: Int32Array.from([4, 1, 0]) }, 707);
      });
    }
    it('treats null c0, bh, dhs, dcT as zeros and accepts null dc0, dbh', () => {
      checkNullOptionals(backend, { ...base, T: 3, B: 3, X: 2, H: 3, lengths: Int32Array.from([3, 1, 0]) }, 808);
    });
    it('rejects lengths outside 0..T with a RangeError naming lengths', () => {
      checkLengthsValidation(backend, { ...base, T: 3, B: 2, X: 2, H: 2 });
    });
    for (const dims of [
      { T: 0, B: 2, X: 3, H: 2 },
      { T: 3, B: 0, X: 3, H: 2 },
      { T: 3, B: 2, X: 0, H: 2 },
      { T: 3, B: 2, X: 3, H: 0 },
      { T: 0, B: 0, X: 0, H: 0 },
    ]) {
      it(`handles empty shapes T=${dims.T} B=${dims.B} X=${dims.X} H=${dims.H}`, () => {
        checkEmptyShapes(backend, { ...base, ...dims });
      });
    }
  });
}
