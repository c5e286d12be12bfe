/** Builds an optimizer from a plain JSON config (what a CLI flag or a checkpoint holds). */
import type { NamedParameter } from '../layers/parameter.ts';
import { Adam, type AdamOptions } from './adam.ts';
import type { Optimizer } from './optimizer.ts';
import { SGD, type SGDOptions } from './sgd.ts';

export type OptimizerConfig =
  | ({ kind: 'sgd' } & SGDOptions)
  /** SGD with momentum (default 0.9). */
  | ({ kind: 'momentum' } & SGDOptions)
  | ({ kind: 'adam' } & AdamOptions);

export function createOptimizer(params: readonly NamedParameter[], config: OptimizerConfig): Optimizer {
  switch (config?.kind) {
    case 'sgd': return new SGD(params, config);
    case 'momentum': return new SGD(params, { ...config, momentum: config.momentum ?? 0.9 });
    case 'adam': return new Adam(params, config);
    default:
      throw new RangeError(`createOptimizer: kind must be 'sgd', 'momentum' or 'adam', got ${JSON.stringify((config as { kind?: unknown })?.kind)}`);
  }
}
