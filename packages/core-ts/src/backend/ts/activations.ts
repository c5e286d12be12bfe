/** 1 / (1 + e^-x), written so that exp never overflows: exp of a non-positive number only. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const tanh: (x: number) => number = Math.tanh;

/** clip(0.2·x + 0.5, 0, 1): TF.js's and Keras 2's hard_sigmoid. */
export function hardSigmoid(x: number): number {
  const y = 0.2 * x + 0.5;
  return y <= 0 ? 0 : y >= 1 ? 1 : y;
}

/** A gate activation and its derivative written in terms of the activated value s. */
export interface GateFn {
  readonly f: (x: number) => number;
  readonly dFromValue: (s: number) => number;
}

const SIGMOID: GateFn = { f: sigmoid, dFromValue: (s) => s * (1 - s) };
// Strictly inside (0, 1) the slope is 0.2; on the clipped parts (s = 0 or 1) it is 0.
const HARD_SIGMOID: GateFn = { f: hardSigmoid, dFromValue: (s) => (s > 0 && s < 1 ? 0.2 : 0) };

/** The gate activation named by a kernel call (undefined = 'sigmoid'); anything else is a TypeError. */
export function gateFn(name: unknown): GateFn {
  if (name === undefined || name === 'sigmoid') return SIGMOID;
  if (name === 'hardSigmoid') return HARD_SIGMOID;
  throw new TypeError(`recurrentActivation must be 'sigmoid' or 'hardSigmoid', got ${JSON.stringify(name)}`);
}

/** true for 'relu', false for 'tanh' (or undefined); anything else is a TypeError. */
export function isRelu(name: unknown): boolean {
  if (name === undefined || name === 'tanh') return false;
  if (name === 'relu') return true;
  throw new TypeError(`activation must be 'tanh' or 'relu', got ${JSON.stringify(name)}`);
}
