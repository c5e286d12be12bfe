import { RecurrentLayer } from './recurrent-layer.ts';
import type { LSTMOptions } from './recurrent-config.ts';

/**
 * LSTM with gates i, f, g, o stacked along the columns (PyTorch order):
 * c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t). The forget gate's bias starts at forgetBias (1).
 */
export class LSTM extends RecurrentLayer {
  constructor(options: LSTMOptions) {
    super('LSTM', 'lstm', options);
  }
}
