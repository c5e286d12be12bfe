/**
 * Bad input to the eight seed functions, on whatever backend is current: each case says
 * which error class it must raise and what the message must mention (the argument's name,
 * and for shape errors the actual and the expected or conflicting shape). Not part of the
 * public API.
 */
import { formatShape } from '@recur/core';
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import { lstmCellBackward, lstmCellForward } from '@recur/core';
import { lstmBackward, lstmForward } from '@recur/core';
import { rnnCellBackward, rnnCellForward } from '@recur/core';
import { rnnBackward, rnnForward } from '@recur/core';
import { castAll, randn, randomLstmParams, randomRnnParams } from './random-inputs.ts';

export interface BadInputCase {
  name: string;
  run: () => unknown;
  error: typeof TypeError | typeof RangeError;
  /** Substrings the message must contain. */
  mentions: readonly string[];
}

/** Runs one case: '' when it threw the right class with a message mentioning everything, else what went wrong. */
export function runBadInputCase(c: BadInputCase): string {
  let thrown: unknown;
  try {
    c.run();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) return `${c.name}: did not throw`;
  if (!(thrown instanceof c.error) || (thrown as Error).constructor !== c.error) {
    return `${c.name}: threw ${String(thrown)}, expected a ${c.error.name}`;
  }
  const missing = c.mentions.filter((s) => !(thrown as Error).message.includes(s));
  return missing.length ? `${c.name}: message "${(thrown as Error).message}" does not mention ${missing.map((s) => `'${s}'`).join(', ')}` : '';
}

// The notebook's sizes: n_x = 3, n_a = 5, n_y = 2, m = 10, T_x = 4.
const D = { n_x: 3, n_a: 5, n_y: 2, m: 10, T_x: 4, T: 4 };

const shapeOf = (t: Tensor): string => formatShape(t.shape);

/** A tensor of shape `shape` with values from `rs`. */
const tensor = (rs: RandomState, ...shape: number[]): Tensor => randn(rs, 1, ...shape);

/** `t` with axis `axis` one larger (values random). */
function grown(rs: RandomState, t: Tensor, axis: number): Tensor {
  return tensor(rs, ...t.shape.map((n, k) => (k === axis ? n + 1 : n)));
}

export function badInputCases(): BadInputCase[] {
  const rs = new RandomState(3);
  const xt = tensor(rs, D.n_x, D.m);
  const aPrev = tensor(rs, D.n_a, D.m);
  const cPrev = tensor(rs, D.n_a, D.m);
  const x = tensor(rs, D.n_x, D.m, D.T_x);
  const a0 = tensor(rs, D.n_a, D.m);
  const rnn = randomRnnParams(rs, D);
  const lstm = randomLstmParams(rs, D);
  const rnnRecord = rnn as unknown as Record<string, Tensor>;
  const lstmRecord = lstm as unknown as Record<string, Tensor>;
  // Every parameter the notebook's params objects carry is required (core's own key lists are not public).
  const RNN_KEYS = Object.keys(rnnRecord);
  const LSTM_KEYS = Object.keys(lstmRecord);
  const rnnCache = rnnCellForward(xt, aPrev, rnn).cache;
  const lstmCache = lstmCellForward(xt, aPrev, cPrev, lstm).cache;
  const rnnCaches = rnnForward(x, a0, rnn).caches;
  const lstmCaches = lstmForward(x, a0, lstm).caches;
  const cases: BadInputCase[] = [];
  const add = (name: string, error: BadInputCase['error'], mentions: readonly string[], run: () => unknown): void => {
    cases.push({ name, run, error, mentions });
  };
  const nonTensors: readonly [string, unknown][] = [['undefined', undefined], ['null', null], ['a nested array', [[1, 2]]], ['a Float64Array', new Float64Array(3)]];

  // Forward functions: data arguments, in each position.
  const forwards = [
    { fn: 'rnnCellForward', args: { xt, aPrev }, call: (a: Record<string, unknown>, p: unknown) => rnnCellForward(a.xt as Tensor, a.aPrev as Tensor, p as never), params: rnnRecord, keys: RNN_KEYS },
    { fn: 'rnnForward', args: { x, a0 }, call: (a: Record<string, unknown>, p: unknown) => rnnForward(a.x as Tensor, a.a0 as Tensor, p as never), params: rnnRecord, keys: RNN_KEYS },
    { fn: 'lstmCellForward', args: { xt, aPrev, cPrev }, call: (a: Record<string, unknown>, p: unknown) => lstmCellForward(a.xt as Tensor, a.aPrev as Tensor, a.cPrev as Tensor, p as never), params: lstmRecord, keys: LSTM_KEYS },
    { fn: 'lstmForward', args: { x, a0 }, call: (a: Record<string, unknown>, p: unknown) => lstmForward(a.x as Tensor, a.a0 as Tensor, p as never), params: lstmRecord, keys: LSTM_KEYS },
  ] as const;

  for (const f of forwards) {
    const args = f.args as Record<string, Tensor>;
    const names = Object.keys(args);
    for (const name of names) {
      for (const [what, value] of nonTensors) {
        add(`${f.fn}: ${name} is ${what}`, TypeError, [name, 'Tensor'], () => f.call({ ...args, [name]: value }, f.params));
      }
      // Wrong rank.
      const flat = tensor(rs, args[name].size);
      add(`${f.fn}: ${name} of the wrong rank`, RangeError, [name, shapeOf(flat)], () => f.call({ ...args, [name]: flat }, f.params));
    }
    // The first argument fixes n_x and m; the states disagreeing on m are blamed, with both shapes.
    const [first, ...states] = names;
    for (const s of states) {
      const bad = grown(rs, args[s], 1);
      add(`${f.fn}: ${s} disagrees with ${first} on m`, RangeError, [first, shapeOf(args[first]), s, shapeOf(bad), 'm differs'], () => f.call({ ...args, [s]: bad }, f.params));
    }
    // params.
    for (const [what, value] of [['null', null], ['a number', 3], ['an array', [1, 2]], ['a Tensor', xt]] as const) {
      add(`${f.fn}: params is ${what}`, TypeError, ['params'], () => f.call(args, value));
    }
    for (const key of f.keys) {
      const { [key]: _dropped, ...missing } = f.params;
      add(`${f.fn}: params without ${key}`, TypeError, ['params', `'${key}'`], () => f.call(args, missing));
      add(`${f.fn}: params.${key} is an array`, TypeError, [`params.${key}`, 'Tensor'], () => f.call(args, { ...f.params, [key]: [[1]] }));
      // A parameter with one axis too large is named, with its shape and the expected one.
      // Except n_y of the output weight: nothing else fixes n_y, so it is read from Wya / Wy
      // and the message names the bias that disagrees, with both shapes.
      for (let axis = 0; axis < 2; axis++) {
        const good = f.params[key];
        const bad = grown(rs, good, axis);
        const definesNy = (key === 'Wya' || key === 'Wy') && axis === 0;
        const mentions = definesNy ? [key, shapeOf(bad), 'by', shapeOf(f.params.by), 'n_y differs'] : [key, shapeOf(bad), shapeOf(good)];
        add(`${f.fn}: ${key} too large on axis ${axis}`, RangeError, mentions, () => f.call(args, { ...f.params, [key]: bad }));
      }
      // Mixed dtypes: one float32 parameter among float64 arrays.
      add(`${f.fn}: ${key} is float32, the rest float64`, TypeError, [key, 'float32', 'float64'], () => f.call(args, { ...f.params, [key]: f.params[key].astype('float32') }));
    }
    add(`${f.fn}: all params float32, data float64`, TypeError, [first, 'float32', 'float64'], () => f.call(args, castAll(f.params, 'float32')));
  }

  // The notebook's example message: x (4, 10, 4) with Wax (5, 3) blames Wax and names both shapes.
  const x4 = tensor(rs, 4, 10, 4);
  add('rnnForward: Wax of the wrong n_x', RangeError, ['x has shape (4, 10, 4) but Wax has shape (5, 3): n_x differs (4 vs 3)', '(5, 4)'], () => rnnForward(x4, a0, rnn));
  add('lstmForward: Wf of the wrong n_a + n_x', RangeError, ['x has shape (4, 10, 4)', 'a0 has shape (5, 10)', 'Wf has shape (5, 8)', 'n_a + n_x differs (9 vs 8)', '(5, 9)'], () => lstmForward(x4, a0, lstm));

  // Backward functions.
  const daNext = tensor(rs, D.n_a, D.m);
  const dcNext = tensor(rs, D.n_a, D.m);
  const da = tensor(rs, D.n_a, D.m, D.T_x);
  for (const [what, value] of nonTensors) {
    add(`rnnCellBackward: daNext is ${what}`, TypeError, ['daNext', 'Tensor'], () => rnnCellBackward(value as Tensor, rnnCache));
    add(`lstmCellBackward: daNext is ${what}`, TypeError, ['daNext', 'Tensor'], () => lstmCellBackward(value as Tensor, dcNext, lstmCache));
    add(`lstmCellBackward: dcNext is ${what}`, TypeError, ['dcNext', 'Tensor'], () => lstmCellBackward(daNext, value as Tensor, lstmCache));
    add(`rnnBackward: da is ${what}`, TypeError, ['da', 'Tensor'], () => rnnBackward(value as Tensor, rnnCaches));
    add(`lstmBackward: da is ${what}`, TypeError, ['da', 'Tensor'], () => lstmBackward(value as Tensor, lstmCaches));
  }
  for (const [what, value] of [['undefined', undefined], ['a plain object', {}], ['an LSTM cache', lstmCache]] as const) {
    add(`rnnCellBackward: cache is ${what}`, TypeError, ['cache', 'rnnCellForward'], () => rnnCellBackward(daNext, value as never));
  }
  add('lstmCellBackward: cache is an RNN cache', TypeError, ['cache', 'lstmCellForward'], () => lstmCellBackward(daNext, dcNext, rnnCache as never));
  for (const [what, value] of [['undefined', undefined], ['a plain array', [...rnnCaches]], ['LSTM caches', lstmCaches]] as const) {
    add(`rnnBackward: caches are ${what}`, TypeError, ['caches', 'rnnForward'], () => rnnBackward(da, value as never));
  }
  add('lstmBackward: caches are RNN caches', TypeError, ['caches', 'lstmForward'], () => lstmBackward(da, rnnCaches as never));

  for (let axis = 0; axis < 2; axis++) {
    const bad = grown(rs, daNext, axis);
    const differs = axis === 0 ? 'n_a differs' : 'm differs';
    add(`rnnCellBackward: daNext too large on axis ${axis}`, RangeError, ['daNext', shapeOf(bad), '(5, 10)', differs], () => rnnCellBackward(bad, rnnCache));
    add(`lstmCellBackward: daNext too large on axis ${axis}`, RangeError, ['daNext', shapeOf(bad), '(5, 10)', differs], () => lstmCellBackward(bad, dcNext, lstmCache));
    add(`lstmCellBackward: dcNext too large on axis ${axis}`, RangeError, ['dcNext', shapeOf(bad), '(5, 10)', differs], () => lstmCellBackward(daNext, bad, lstmCache));
    const badDa = grown(rs, da, axis);
    add(`rnnBackward: da too large on axis ${axis}`, RangeError, ['da', shapeOf(badDa), '(5, 10, 4)', differs], () => rnnBackward(badDa, rnnCaches));
    add(`lstmBackward: da too large on axis ${axis}`, RangeError, ['da', shapeOf(badDa), '(5, 10, 4)', differs], () => lstmBackward(badDa, lstmCaches));
  }
  const daLong = grown(rs, da, 2);
  add('rnnBackward: da has more steps than there are caches', RangeError, ['da', '(5, 10, 5)', '(5, 10, 4)', 'more steps'], () => rnnBackward(daLong, rnnCaches));
  add('lstmBackward: da has more steps than there are caches', RangeError, ['da', '(5, 10, 5)', '(5, 10, 4)', 'more steps'], () => lstmBackward(daLong, lstmCaches));
  const da2 = tensor(rs, D.n_a, D.m);
  add('rnnBackward: da of rank 2', RangeError, ['da', '(5, 10)'], () => rnnBackward(da2, rnnCaches));
  add('rnnCellBackward: daNext float32 for a float64 forward pass', TypeError, ['daNext', 'float32', 'float64'], () => rnnCellBackward(daNext.astype('float32'), rnnCache));
  add('lstmCellBackward: dcNext float32 for a float64 forward pass', TypeError, ['dcNext', 'float32', 'float64'], () => lstmCellBackward(daNext, dcNext.astype('float32'), lstmCache));
  add('rnnBackward: da float32 for a float64 forward pass', TypeError, ['da', 'float32', 'float64'], () => rnnBackward(da.astype('float32'), rnnCaches));
  add('lstmBackward: da float32 for a float64 forward pass', TypeError, ['da', 'float32', 'float64'], () => lstmBackward(da.astype('float32'), lstmCaches));
  return cases;
}
