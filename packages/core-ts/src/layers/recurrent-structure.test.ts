import { describe, expect, it } from 'vitest';
import { CELL_VARIANTS } from '@recur/testkit/layers/recurrent-cases';
import { batchVersusPerExample, float32VersusFloat64, reverseDirectionVersusReversedRun, stackVersusChain } from '@recur/testkit/layers/recurrent-structure-cases';

describe.each(CELL_VARIANTS)('%s layer structure', (variant) => {
  it('a padded batch with lengths equals each example run alone on its valid steps', () => {
    expect(batchVersusPerExample(variant, false, 1)).toBeLessThan(1e-12);
    expect(batchVersusPerExample(variant, true, 2)).toBeLessThan(1e-12);
  });

  it('the reverse direction equals a forward layer on the reversed sequence', () => {
    expect(reverseDirectionVersusReversedRun(variant)).toBeLessThan(1e-12);
  });

  it('a 2-layer stack equals two chained layers', () => {
    expect(stackVersusChain(variant)).toBeLessThan(1e-12);
  });

  it('float32 agrees with float64 to 1e-5 (relative, scaled by 1+|v|), forward and backward', () => {
    expect(float32VersusFloat64(variant)).toBeLessThan(1e-5);
  });
});
