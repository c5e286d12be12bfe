import { RecurrentLayer } from './recurrent-layer.ts';
import type { SimpleRNNOptions } from './recurrent-config.ts';

/** Elman RNN: h_t = act(x_t·wx + h_{t-1}·wh + bx + bh), act = tanh (default) or relu. */
export class SimpleRNN extends RecurrentLayer {
  constructor(options: SimpleRNNOptions) {
    super('SimpleRNN', 'rnn', options);
  }
}
