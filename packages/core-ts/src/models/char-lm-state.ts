/** The serialisable snapshot of a CharLM: config, named weights, optimizer state. */
import type { NamedParameter } from '../layers/parameter.ts';
import type { OptimizerState } from '../optim/optimizer.ts';
import type { FloatArray } from '../tensor.ts';
import type { CharLMConfig } from './char-lm-config.ts';

export const CHARLM_FORMAT = 'recur.charlm';
export const CHARLM_VERSION = 1;

export interface CharLMState {
  format: typeof CHARLM_FORMAT;
  version: typeof CHARLM_VERSION;
  config: CharLMConfig;
  /** Weights by parameter name (`rnn.l0.wx`, `head.w`, ...), row-major, in the config's dtype. */
  params: Record<string, FloatArray>;
  optimizer: OptimizerState;
}

export function snapshotCharLM(config: CharLMConfig, params: readonly NamedParameter[], optimizer: OptimizerState): CharLMState {
  const out: Record<string, FloatArray> = {};
  for (const p of params) out[p.name] = p.param.data.slice();
  return {
    format: CHARLM_FORMAT,
    version: CHARLM_VERSION,
    config: { ...config, optimizer: { ...config.optimizer } },
    params: out,
    optimizer,
  };
}

/** Shallow structural checks; CharLM.fromState checks every array against the model. */
export function checkCharLMState(state: unknown): asserts state is CharLMState {
  const s = state as Partial<CharLMState> | null;
  if (typeof s !== 'object' || s === null) throw new TypeError('CharLM.fromState: state must be an object');
  if (s.format !== CHARLM_FORMAT) throw new RangeError(`CharLM.fromState: format must be '${CHARLM_FORMAT}', got ${JSON.stringify(s.format)}`);
  if (s.version !== CHARLM_VERSION) throw new RangeError(`CharLM.fromState: version ${String(s.version)} is not supported (expected ${CHARLM_VERSION})`);
  if (typeof s.config !== 'object' || s.config === null) throw new TypeError('CharLM.fromState: config is missing');
  if (typeof s.params !== 'object' || s.params === null) throw new TypeError('CharLM.fromState: params is missing');
  for (const [name, v] of Object.entries(s.params)) {
    if (!(v instanceof Float64Array) && !(v instanceof Float32Array)) {
      throw new TypeError(`CharLM.fromState: params['${name}'] must be a Float64Array or Float32Array`);
    }
    const want = s.config.dtype === 'float32' ? Float32Array : Float64Array;
    if (!(v instanceof want)) throw new TypeError(`CharLM.fromState: params['${name}'] is a ${v.constructor.name} but the config's dtype is ${s.config.dtype}`);
  }
  if (typeof s.optimizer !== 'object' || s.optimizer === null) throw new TypeError('CharLM.fromState: optimizer state is missing');
}
