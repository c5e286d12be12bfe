/**
 * Exponential moving average with bias correction (as TensorBoard smooths curves): the first
 * values are not dragged towards 0. A pure function of the history, so a resumed run shows
 * the same smoothed numbers as an uninterrupted one.
 */
export const SMOOTHING = 0.95;

export class LossSmoother {
  private avg = 0;
  private weight = 0;
  private readonly beta: number;

  constructor(beta = SMOOTHING) {
    this.beta = beta;
  }

  /** Adds a loss and returns the smoothed value; non-finite losses are skipped. */
  push(loss: number): number {
    if (Number.isFinite(loss)) {
      this.avg = this.beta * this.avg + (1 - this.beta) * loss;
      this.weight = this.beta * this.weight + (1 - this.beta);
    }
    return this.value;
  }

  get value(): number {
    return this.weight === 0 ? NaN : this.avg / this.weight;
  }
}

export function smoothLosses(losses: ArrayLike<number>, beta = SMOOTHING): Float64Array {
  const s = new LossSmoother(beta);
  return Float64Array.from({ length: losses.length }, (_, i) => s.push(losses[i]));
}
