/** Builds an optimizer from a plain JSON config (what a CLI flag or a checkpoint holds). */
import type { NamedParameter } from '../layers/parameter.ts';
import { Adagrad, type AdagradOptions } from './adagrad.ts';
import { Adam, type AdamOptions } from './adam.ts';
import { AdamW, type AdamWOptions } from './adamw.ts';
import type { Optimizer } from './optimizer.ts';
import { RMSprop, type RMSpropOptions } from './rmsprop.ts';
import { SGD, type SGDOptions } from './sgd.ts';

export type OptimizerConfig =
  | ({ kind: 'sgd' } & SGDOptions)
  /** SGD with momentum (default 0.9). */
  | ({ kind: 'momentum' } & SGDOptions)
  | ({ kind: 'adam' } & AdamOptions)
  | ({ kind: 'adamw' } & AdamWOptions)
  | ({ kind: 'rmsprop' } & RMSpropOptions)
  | ({ kind: 'adagrad' } & AdagradOptions);

/** The `kind`s createOptimizer accepts. */
export const OPTIMIZER_KINDS: readonly OptimizerConfig['kind'][] = ['sgd', 'momentum', 'adam', 'adamw', 'rmsprop', 'adagrad'];

export function createOptimizer(params: readonly NamedParameter[], config: OptimizerConfig): Optimizer {
  // The constructors check their option keys: `kind` is this function's, not theirs.
  const { kind, ...rest } = (config ?? {}) as OptimizerConfig;
  const options = rest as Record<string, unknown>;
  switch (kind) {
    case 'sgd': return new SGD(params, options as unknown as SGDOptions);
    case 'momentum': return new SGD(params, { ...(options as unknown as SGDOptions), momentum: (options.momentum as number | undefined) ?? 0.9 });
    case 'adam': return new Adam(params, options as AdamOptions);
    case 'adamw': return new AdamW(params, options as AdamWOptions);
    case 'rmsprop': return new RMSprop(params, options as RMSpropOptions);
    case 'adagrad': return new Adagrad(params, options as AdagradOptions);
    default:
      throw new RangeError(`createOptimizer: kind must be one of ${OPTIMIZER_KINDS.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify((config as { kind?: unknown })?.kind)}`);
  }
}
