/** 1 / (1 + e^-x), written so that exp never overflows: exp of a non-positive number only. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const tanh: (x: number) => number = Math.tanh;
