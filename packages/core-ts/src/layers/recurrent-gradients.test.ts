import { describe, expect, it } from 'vitest';
import { ACTIVATION_VARIANTS, CELL_VARIANTS, checkPaddingIsInert, checkRecurrentGradients, recurrentCheckCases } from '@recur/testkit/layers/recurrent-cases';

const VARIANTS = [...CELL_VARIANTS, ...ACTIVATION_VARIANTS];

describe('recurrent layers: backward matches central differences (float64)', () => {
  for (const c of recurrentCheckCases(VARIANTS)) {
    it(c.name, () => {
      for (const r of checkRecurrentGradients(c)) {
        expect(r.relErr, `${c.name}: d/d${r.name} (max abs err ${r.maxAbsErr})`).toBeLessThan(1e-6);
      }
    });
  }
});

describe('recurrent layers: padded steps change neither state nor gradients', () => {
  for (const c of recurrentCheckCases(VARIANTS).filter((k) => k.lengths)) {
    it(c.name, () => {
      const r = checkPaddingIsInert(c);
      expect(r.outputAtPadding).toBe(0);
      expect(r.dxAtPadding).toBe(0);
      expect(r.changedByPaddedInput).toEqual([]);
    });
  }
});
