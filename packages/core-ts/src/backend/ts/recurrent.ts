/** Dispatches the whole-sequence kernels by cell kind. */
import type { RecurrentBackwardArgs, RecurrentForwardArgs } from '../types.ts';
import { gruBackward, gruForward } from './gru.ts';
import { lstmBackward, lstmForward } from './lstm.ts';
import { rnnBackward, rnnForward } from './rnn.ts';

function unknownCell(cell: unknown): never {
  throw new TypeError(`cell must be 'rnn', 'lstm' or 'gru', got ${JSON.stringify(cell)}`);
}

export function recurrentForward(args: RecurrentForwardArgs): void {
  switch (args.cell) {
    case 'rnn': return rnnForward(args);
    case 'lstm': return lstmForward(args);
    case 'gru': return gruForward(args);
    default: return unknownCell(args.cell);
  }
}

export function recurrentBackward(args: RecurrentBackwardArgs): void {
  switch (args.cell) {
    case 'rnn': return rnnBackward(args);
    case 'lstm': return lstmBackward(args);
    case 'gru': return gruBackward(args);
    default: return unknownCell(args.cell);
  }
}
