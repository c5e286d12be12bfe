// Every test cell of the seed notebook recomputed with recur on the ts backend: inputs from
// RandomState(1) exactly as the notebook's np.random.seed(1) + randn calls, compared to the
// numbers docs/origin-notebook.md says are right (@recur/testkit/seed/notebook-cells).
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '../index.ts';
import { NOTEBOOK_CELLS } from '@recur/testkit/seed/notebook-cells';
import type { NotebookCellId } from '@recur/testkit/seed/notebook-cells';
import { describeCellFailures, parsePrinted, printedTolerance, runNotebookCell, selectPrinted } from '@recur/testkit/seed/notebook-checks';
import type { ValueCheck } from '@recur/testkit/seed/notebook-checks';
import { Tensor } from '../tensor.ts';

const cell = (id: NotebookCellId) => NOTEBOOK_CELLS.find((c) => c.id === id)!;

describe('notebook test cells on the ts backend', () => {
  beforeAll(() => {
    setBackend('ts');
  });

  for (const c of NOTEBOOK_CELLS) {
    it(c.title, () => {
      const result = runNotebookCell(c);
      expect(describeCellFailures(result)).toBe('');
      expect(result.checks.length).toBe(c.expect.length);
    });
  }

  it('does not reproduce the stale tables (rnn_cell_backward\'s Expected Output, lstm_backward\'s no-BPTT table)', () => {
    for (const id of ['rnn_cell_backward', 'lstm_backward'] as const) {
      const stale = runNotebookCell(cell(id)).checks.filter((c): c is ValueCheck => c.kind === 'values' && !!c.expected.notebookTable);
      expect(stale.length).toBeGreaterThan(0);
      for (const c of stale) {
        const table = parsePrinted(c.expected.notebookTable!);
        const far = Math.max(...c.got.map((g, i) => Math.abs(g - table[i])));
        expect(far, `${id} ${c.expected.label}`).toBeGreaterThan(1e-3);
      }
    }
  });

  it('fails a cell whose inputs are drawn in another order (the rnn cells differ: Waa or Wax first)', () => {
    const c = cell('rnn_cell_backward');
    const at = (name: string) => c.draws.findIndex(([n]) => n === name);
    const draws = [...c.draws];
    [draws[at('Wax')], draws[at('Waa')]] = [draws[at('Waa')], draws[at('Wax')]];
    const result = runNotebookCell({ ...c, draws });
    expect(result.error).toBeUndefined();
    expect(result.checks.filter((r) => r.kind === 'shape').every((r) => r.pass)).toBe(true);
    expect(result.checks.filter((r) => r.kind === 'values').some((r) => r.pass)).toBe(false);
  });

  it('checks every value of the cells with a tolerance of 1e-8 (all prints carry 8+ decimals)', () => {
    for (const c of NOTEBOOK_CELLS) {
      for (const e of c.expect) if (e.kind === 'values') expect(printedTolerance(e.printed), `${c.id} ${e.label}`).toBe(1e-8);
    }
  });
});

describe('reading the printed numbers', () => {
  it('parses NumPy array prints and scalars', () => {
    expect(parsePrinted('[ 0.9888161   0.01682021 -0.18887155]')).toEqual([0.9888161, 0.01682021, -0.18887155]);
    expect(parsePrinted('-1.3872130506')).toEqual([-1.3872130506]);
    expect(parsePrinted('[-0.0565788]')).toEqual([-0.0565788]);
  });

  it('takes half a unit in the last printed place, never tighter than 1e-8', () => {
    expect(printedTolerance('0.5')).toBeCloseTo(0.05, 15);
    expect(printedTolerance('1.25e-3')).toBeCloseTo(5e-6, 18);
    expect(printedTolerance('-0.0639621419711')).toBe(1e-8);
    // An array element shows fewer decimals only when NumPy dropped trailing zeros.
    expect(printedTolerance('[ 0.0036921   0.02088357]')).toBe(1e-8);
  });

  it('selects the printed row or element like the label does', () => {
    const t = new Tensor(Float64Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    expect(selectPrinted(t, [1, 2])).toEqual([20, 21, 22, 23]);
    expect(selectPrinted(t, [0, 1, 3])).toEqual([7]);
    expect(() => selectPrinted(t, [2])).toThrow(RangeError);
  });
});
