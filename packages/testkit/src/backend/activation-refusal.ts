/**
 * A backend that lacks a non-default activation must refuse it with a TypeError naming the
 * option, never compute the default silently. These helpers tell the two apart.
 */
import { expect } from 'vitest';
import type { Backend } from '@recur/core';
import { makeInputs, makeOutputGrads, runBackward, runForward, type SeqSpec } from './sequence-fixtures.ts';

type BaseSpec = Pick<SeqSpec, 'cell' | 'resetAfter' | 'activation' | 'recurrentActivation'>;

const tiny = (base: BaseSpec): SeqSpec => ({ ...base, T: 2, B: 1, X: 2, H: 2, lengths: null });

/** null when the backend runs the activation; else the message of its refusal. */
export function activationRefusal(backend: Backend, base: BaseSpec): string | null {
  const spec = tiny(base);
  try {
    runForward(backend, spec, makeInputs(spec, 1), 'float64');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Forward and backward both throw a TypeError that names the option and its value. */
export function checkActivationRefused(backend: Backend, base: BaseSpec): void {
  const spec = tiny(base);
  const option = base.activation !== undefined ? 'activation' : 'recurrentActivation';
  const value = String(base.activation ?? base.recurrentActivation);
  const inputs = makeInputs(spec, 2);
  const check = (run: () => unknown) => {
    let caught: unknown;
    try { run(); } catch (err) { caught = err; }
    expect(caught, `${backend.name} must refuse ${option} ${value}`).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toContain(option);
    expect((caught as Error).message).toContain(value);
  };
  check(() => runForward(backend, spec, inputs, 'float64'));
  // Backward is refused too, with whatever (default-activation) tape it is given.
  const fwd = runForward(backend, { ...spec, activation: undefined, recurrentActivation: undefined }, inputs, 'float64');
  check(() => runBackward(backend, spec, inputs, fwd, makeOutputGrads(spec, 3), 'float64'));
}
