import type { MT19937 } from './mt19937.ts';

/**
 * NumPy's legacy polar (Marsaglia) Gaussian: each accepted pair yields two normals; the
 * second is cached and returned by the next call. The cache lives as long as the state, so
 * consecutive `randn` calls continue one stream, exactly like `legacy_gauss`.
 */
export class PolarGaussian {
  private hasGauss = false;
  private gauss = 0;

  next(source: MT19937): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * source.nextDouble() - 1;
      x2 = 2 * source.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // Math.log may differ from the C library's log in the last bit, hence the 1-ulp contract.
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }
}
