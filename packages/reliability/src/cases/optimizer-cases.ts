/**
 * Fuzz cases for the optimizers (SGD, momentum, Adam, createOptimizer), gradient clipping and
 * optimizer state: random parameter lists (empty and 0-sized tensors, both dtypes, NaN / Inf
 * gradients), random hyperparameters in and out of range, a few steps, state() /
 * loadState() round trips, and faults in the parameter list and in a loaded state.
 */
import { Adam, SGD, Tensor, clipGradNorm, clipGradValue, createOptimizer, gradNorm, type NamedParameter, type Optimizer } from '@recur/core';
import fc from 'fast-check';
import { junk } from '../arbitraries/junk.js';
import { smallDim } from '../arbitraries/shapes.js';
import { ValueSource, valueSpec, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const BAD_NUMBERS: readonly unknown[] = [-1, NaN, Infinity, -Infinity, '0.1', null, {}, 1n];

const hyper = (min: number, max: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.double({ min, max, noNaN: true }), weight: 10 }, { arbitrary: fc.constantFrom(...BAD_NUMBERS), weight: 1 });

const PARAM_FAULTS = ['duplicateName', 'sizeMismatch', 'dtypeMismatch', 'notArray', 'junkEntry'] as const;
const STATE_FAULTS = ['kind', 'step', 'slotName', 'slotLength', 'slotType', 'junk'] as const;

export const optimizerSpec = fc.record({
  kind: fc.constantFrom('sgd', 'momentum', 'adam', 'SGD', 'Adam'),
  options: fc.record({
    lr: fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 12 }, fc.constantFrom<unknown>(undefined, ...BAD_NUMBERS)),
    momentum: hyper(0, 0.99),
    dampening: hyper(0, 0.5),
    weightDecay: hyper(0, 0.1),
    nesterov: fc.constantFrom<unknown>(undefined, undefined, true, false),
    beta1: hyper(0, 0.999),
    beta2: hyper(0, 0.9999),
    eps: hyper(0, 1e-3),
  }),
  params: fc.array(fc.record({ shape: fc.array(smallDim, { maxLength: 3 }), float32: fc.boolean() }), { maxLength: 4 }),
  steps: fc.integer({ min: 1, max: 3 }),
  clip: fc.constantFrom('none', 'norm', 'value'),
  clipValue: fc.oneof({ arbitrary: fc.double({ min: 0, max: 10, noNaN: true }), weight: 8 }, fc.constantFrom<unknown>(-1, NaN, Infinity, '1')),
  roundTrip: fc.boolean(),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.record({ on: fc.constant('params' as const), kind: fc.constantFrom(...PARAM_FAULTS), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ on: fc.constant('state' as const), kind: fc.constantFrom(...STATE_FAULTS), pick: fc.nat() }), weight: 1 },
  ),
});
type OptimizerSpec = SpecOf<typeof optimizerSpec>;

/** Options with a default take undefined and null (`??`) as "use the default". */
function hyperValid(v: unknown, min: number, maxExclusive = Infinity): boolean {
  return v == null || (typeof v === 'number' && Number.isFinite(v) && v >= min && v < maxExclusive);
}

/** Whether the constructor accepts the options (lr is required by SGD only). */
function optionsValid(s: OptimizerSpec): boolean {
  const o = s.options;
  const kind = s.kind.toLowerCase();
  if (kind === 'adam') return hyperValid(o.lr, 0) && hyperValid(o.beta1, 0, 1) && hyperValid(o.beta2, 0, 1) && hyperValid(o.eps, 0) && hyperValid(o.weightDecay, 0);
  const momentum = (o.momentum as number | null | undefined) ?? (kind === 'momentum' ? 0.9 : 0);
  const ok = o.lr != null && hyperValid(o.lr, 0) && hyperValid(o.momentum, 0) && hyperValid(o.dampening, 0) && hyperValid(o.weightDecay, 0);
  if (!ok) return false;
  if (o.nesterov === true && (!((momentum as number) > 0) || ((o.dampening as number | null | undefined) ?? 0) !== 0)) return false;
  return true;
}

function buildParams(s: OptimizerSpec): NamedParameter[] {
  const source = new ValueSource(s.values, 2 * s.params.length);
  return s.params.map((p, i) => {
    const dtype = p.float32 ? 'float32' : 'float64';
    const param = Tensor.zeros(p.shape, dtype);
    const grad = Tensor.zeros(p.shape, dtype);
    source.fill(param.data);
    source.fill(grad.data);
    return { name: `p${i}`, param, grad };
  });
}

/** The option keys each kind takes (the spec draws all of them; unknown keys are a TypeError, tested in core). */
const KEYS: Record<string, readonly string[]> = {
  sgd: ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
  momentum: ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
  adam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
};

function make(s: OptimizerSpec, params: unknown): Optimizer {
  const all = s.options as Record<string, unknown>;
  const o = Object.fromEntries(KEYS[s.kind.toLowerCase()].map((k) => [k, all[k]]));
  if (s.kind === 'SGD') return new SGD(params as never, o as never);
  if (s.kind === 'Adam') return new Adam(params as never, o as never);
  return createOptimizer(params as never, { ...o, kind: s.kind } as never);
}

function spoilParams(s: OptimizerSpec, params: NamedParameter[]): { value: unknown; valid: boolean } {
  const f = s.fault?.on === 'params' ? s.fault : null;
  if (!f) return { value: params, valid: true };
  const n = params.length;
  switch (f.kind) {
    case 'notArray': return { value: junk(f.pick), valid: false };
    case 'junkEntry': return { value: [...params, junk(f.pick)], valid: false };
    case 'duplicateName': return n === 0 ? { value: params, valid: true } : { value: [...params, { ...params[f.pick % n] }], valid: false };
    case 'sizeMismatch': return { value: [...params, { name: 'bad', param: Tensor.zeros([2]), grad: Tensor.zeros([3]) }], valid: false };
    case 'dtypeMismatch': return { value: [...params, { name: 'bad', param: Tensor.zeros([2]), grad: Tensor.zeros([2], 'float32') }], valid: false };
  }
}

function spoilState(s: OptimizerSpec, state: ReturnType<Optimizer['state']>): { value: unknown; valid: boolean } {
  const f = s.fault?.on === 'state' ? s.fault : null;
  if (!f) return { value: state, valid: true };
  const keys = Object.keys(state.slots);
  switch (f.kind) {
    case 'kind': return { value: { ...state, kind: state.kind === 'adam' ? 'sgd' : 'adam' }, valid: false };
    case 'step': return { value: { ...state, step: BAD_NUMBERS[f.pick % BAD_NUMBERS.length] }, valid: false };
    case 'slotName': return { value: { ...state, slots: { ...state.slots, 'm:nobody': new Float64Array(1) } }, valid: false };
    case 'slotLength': {
      if (keys.length === 0) return { value: state, valid: true };
      const k = keys[f.pick % keys.length];
      return { value: { ...state, slots: { ...state.slots, [k]: new Float64Array(state.slots[k].length + 1) } }, valid: false };
    }
    case 'slotType': {
      if (keys.length === 0) return { value: state, valid: true };
      const k = keys[f.pick % keys.length];
      return { value: { ...state, slots: { ...state.slots, [k]: Array.from(state.slots[k]) } }, valid: false };
    }
    case 'junk': return { value: junk(f.pick), valid: false };
  }
}

export function optimizerCase(s: OptimizerSpec): FuzzCase {
  const clipOk = s.clip === 'none' || (typeof s.clipValue === 'number' && Number.isFinite(s.clipValue) && s.clipValue >= 0);
  const probe = buildParams(s);
  const paramsValid = spoilParams(s, probe).valid;
  const stateFault = s.fault?.on === 'state';
  const stateValid = !stateFault || !s.roundTrip || spoilStateValidity(s);
  const valid = optionsValid(s) && paramsValid && clipOk && stateValid;
  return {
    valid,
    mustThrow: !valid,
    dtype: s.params.some((p) => p.float32) ? 'float32' : 'float64',
    run: () => {
      const params = buildParams(s);
      const opt = make(s, spoilParams(s, params).value);
      const norms: number[] = [];
      for (let k = 0; k < s.steps; k++) {
        if (s.clip === 'norm') norms.push(clipGradNorm(params, s.clipValue as number));
        if (s.clip === 'value') clipGradValue(params, s.clipValue as number);
        norms.push(gradNorm(params));
        opt.step();
      }
      if (s.roundTrip) {
        const again = make(s, params);
        again.loadState(spoilState(s, opt.state()).value as never);
        again.step();
        opt.step();
        return { params: params.map((p) => p.param), state: opt.state().slots, restored: again.state().slots, steps: again.steps, norms };
      }
      return { params: params.map((p) => p.param), state: opt.state().slots, norms };
    },
  };
}

/** Whether the state fault leaves a valid state (a slot fault on an optimizer without slots changes nothing). */
function spoilStateValidity(s: OptimizerSpec): boolean {
  const params = buildParams(s);
  try {
    const opt = make(s, params);
    opt.step();
    return spoilState(s, opt.state()).valid;
  } catch {
    return false;
  }
}
