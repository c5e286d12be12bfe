/** Dispatches the whole-sequence kernels by cell kind. */
import type { RecurrentBackwardArgs, RecurrentForwardArgs } from '../types.ts';
import { gruBackward, gruForward } from './gru.ts';
import { lstmBackward, lstmForward } from './lstm.ts';
import { rnnBackward, rnnForward } from './rnn.ts';

function unknownCell(cell: unknown): never {
  throw new TypeError(`cell must be 'rnn', 'lstm' or 'gru', got ${JSON.stringify(cell)}`);
}

/** activation belongs to the rnn, recurrentActivation to lstm/gru: a non-default value elsewhere is a mistake. */
function checkActivationCell(args: RecurrentForwardArgs | RecurrentBackwardArgs): void {
  if (args.cell !== 'rnn' && args.activation !== undefined && args.activation !== 'tanh') {
    throw new TypeError(`activation ${JSON.stringify(args.activation)} is only for the 'rnn' cell, got cell '${String(args.cell)}'`);
  }
  if (args.cell === 'rnn' && args.recurrentActivation !== undefined && args.recurrentActivation !== 'sigmoid') {
    throw new TypeError(`recurrentActivation ${JSON.stringify(args.recurrentActivation)} is only for the 'lstm' and 'gru' cells`);
  }
}

export function recurrentForward(args: RecurrentForwardArgs): void {
  checkActivationCell(args);
  switch (args.cell) {
    case 'rnn': return rnnForward(args);
    case 'lstm': return lstmForward(args);
    case 'gru': return gruForward(args);
    default: return unknownCell(args.cell);
  }
}

export function recurrentBackward(args: RecurrentBackwardArgs): void {
  checkActivationCell(args);
  switch (args.cell) {
    case 'rnn': return rnnBackward(args);
    case 'lstm': return lstmBackward(args);
    case 'gru': return gruBackward(args);
    default: return unknownCell(args.cell);
  }
}
