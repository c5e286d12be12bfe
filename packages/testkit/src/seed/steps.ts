/** Step slicing of seed-layout (n, m, T) tensors for the checks. Not part of the public API. */
import { Tensor, allocate } from '@recur/core';

/** The first T steps of an (n, m, T_src) tensor. */
export function firstSteps(t: Tensor, T: number): Tensor {
  const [n, m, Tsrc] = t.shape;
  const out = allocate(t.dtype, n * m * T);
  for (let r = 0; r < n * m; r++) for (let s = 0; s < T; s++) out[r * T + s] = t.data[r * Tsrc + s];
  return new Tensor(out, [n, m, T]);
}

/** An (n, m, T) tensor padded with zero steps to (n, m, T_to). */
export function padSteps(t: Tensor, Tto: number): Tensor {
  const [n, m, T] = t.shape;
  const out = allocate(t.dtype, n * m * Tto);
  for (let r = 0; r < n * m; r++) for (let s = 0; s < T; s++) out[r * Tto + s] = t.data[r * T + s];
  return new Tensor(out, [n, m, Tto]);
}

/** Step s of an (n, m, T) tensor as an (n, m) tensor. */
export function step(t: Tensor, s: number): Tensor {
  const [n, m, T] = t.shape;
  const out = allocate(t.dtype, n * m);
  for (let r = 0; r < n * m; r++) out[r] = t.data[r * T + s];
  return new Tensor(out, [n, m]);
}

/** Writes the (n, m) tensor `v` into step s of the (n, m, T) tensor `t`. */
export function setStep(t: Tensor, s: number, v: Tensor): void {
  const [n, m, T] = t.shape;
  for (let r = 0; r < n * m; r++) t.data[r * T + s] = v.data[r];
}

/** a + b, elementwise, same shape. */
export function add(a: Tensor, b: Tensor): Tensor {
  const out = allocate(a.dtype, a.size);
  for (let i = 0; i < a.size; i++) out[i] = a.data[i] + b.data[i];
  return new Tensor(out, a.shape);
}
