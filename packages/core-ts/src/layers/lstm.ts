import { RecurrentLayer } from './recurrent-layer.js';
import type { LSTMOptions } from './recurrent-config.js';

/**
 * LSTM with gates i, f, g, o stacked along the columns (PyTorch order):
 * c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t). The forget gate's bias starts at forgetBias (1).
 */
export class LSTM extends RecurrentLayer {
  constructor(options: LSTMOptions) {
    super('LSTM', 'lstm', options);
  }
}
