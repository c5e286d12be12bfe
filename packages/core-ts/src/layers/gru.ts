import { RecurrentLayer } from './recurrent-layer.ts';
import type { GRUOptions } from './recurrent-config.ts';

/**
 * GRU with gates r, z, n stacked along the columns (PyTorch order):
 * h_t = z*h_{t-1} + (1-z)*n. `resetAfter` (default true) picks where r applies in n.
 */
export class GRU extends RecurrentLayer {
  constructor(options: GRUOptions) {
    super('GRU', 'gru', options);
  }

  get resetAfter(): boolean {
    return this.config.resetAfter;
  }
}
