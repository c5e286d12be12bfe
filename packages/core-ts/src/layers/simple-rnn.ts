import { RecurrentLayer } from './recurrent-layer.ts';
import type { RecurrentOptions } from './recurrent-config.ts';

/** Elman RNN: h_t = tanh(x_t·wx + h_{t-1}·wh + bx + bh). */
export class SimpleRNN extends RecurrentLayer {
  constructor(options: RecurrentOptions) {
    super('SimpleRNN', 'rnn', options);
  }
}
