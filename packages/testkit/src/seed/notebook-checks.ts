/**
 * Recomputes every notebook test cell (notebook-cells.ts) with recur on the current backend:
 * inputs from RandomState(1) drawn in the cell's order (np.random.seed(1) + randn), then the
 * seed API, then each printed number compared to the printed precision (1e-8 for all of
 * this notebook's prints). Returns results for the tests and the walk-through to report.
 * Not part of @recur/core's public API.
 */
import {
  RandomState, lstmBackward, lstmCellBackward, lstmCellForward, lstmForward, rnnBackward, rnnCellBackward, rnnCellForward, rnnForward,
} from '@recur/core';
import { formatShape } from '@recur/core';
import { Tensor } from '@recur/core';
import { lstmBackwardWithoutRecurrentGradient } from './lstm-backward-without-recurrent-gradient.ts';
import { NOTEBOOK_CELLS } from './notebook-cells.ts';
import type { NotebookCell, NotebookCellId, PrintedShape, PrintedValues } from './notebook-cells.ts';

type RnnParams = Parameters<typeof rnnCellForward>[2];
type LstmParams = Parameters<typeof lstmCellForward>[3];
type Named = Record<string, unknown>;

/** np.random.seed(1), then the cell's randn draws in order, then its zero-filled parameters. */
export function notebookInputs(cell: NotebookCell): Record<string, Tensor> {
  const rs = new RandomState(1);
  const v: Record<string, Tensor> = {};
  for (const [name, shape] of cell.draws) v[name] = rs.randn(...shape);
  for (const [name, shape] of cell.zeros ?? []) v[name] = Tensor.zeros(shape);
  return v;
}

const rnnParams = (v: Record<string, Tensor>): RnnParams => ({ Wax: v.Wax, Waa: v.Waa, Wya: v.Wya, ba: v.ba, by: v.by }) as RnnParams;
const lstmParams = (v: Record<string, Tensor>): LstmParams => ({
  Wf: v.Wf, bf: v.bf, Wi: v.Wi, bi: v.bi, Wc: v.Wc, bc: v.bc, Wo: v.Wo, bo: v.bo, Wy: v.Wy, by: v.by,
}) as LstmParams;

/** What each cell runs; the results are named as the seed API names them. */
const COMPUTE: Record<NotebookCellId, (v: Record<string, Tensor>) => Named> = {
  rnn_cell_forward: (v) => ({ ...rnnCellForward(v.xt, v.a_prev, rnnParams(v)) }),
  rnn_forward: (v) => ({ ...rnnForward(v.x, v.a0, rnnParams(v)) }),
  lstm_cell_forward: (v) => ({ ...lstmCellForward(v.xt, v.a_prev, v.c_prev, lstmParams(v)) }),
  lstm_forward: (v) => ({ ...lstmForward(v.x, v.a0, lstmParams(v)) }),
  rnn_cell_backward: (v) => {
    const { cache } = rnnCellForward(v.xt, v.a_prev, rnnParams(v));
    return { ...rnnCellBackward(v.da_next, cache) };
  },
  rnn_backward: (v) => {
    const { caches } = rnnForward(v.x, v.a0, rnnParams(v));
    return { ...rnnBackward(v.da, caches) };
  },
  lstm_cell_backward: (v) => {
    const { cache } = lstmCellForward(v.xt, v.a_prev, v.c_prev, lstmParams(v));
    return { ...lstmCellBackward(v.da_next, v.dc_next, cache) };
  },
  lstm_backward: (v) => {
    const { caches } = lstmForward(v.x, v.a0, lstmParams(v));
    return { ...lstmBackward(v.da, caches) };
  },
  lstm_backward_notebook_table: (v) => ({ ...lstmBackwardWithoutRecurrentGradient(v.x, v.a0, lstmParams(v), v.da) }),
};

/** The numbers of a printed value: '[ 0.1  -2.5]' -> [0.1, -2.5], '-1.38' -> [-1.38]. */
export function parsePrinted(text: string): number[] {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  return body.length === 0 ? [] : body.split(/[\s,]+/).map(Number);
}

/**
 * Half a unit in the last printed place, but never tighter than 1e-8. NumPy prints arrays
 * with 8 decimals and drops trailing zeros ('0.9888161' means 0.98881610), so an array
 * element always carries 8 decimals; a scalar carries the decimals it shows.
 */
export function printedTolerance(text: string): number {
  const isArray = text.trim().startsWith('[');
  let finest = Infinity;
  for (const token of text.replace(/[[\]]/g, ' ').trim().split(/[\s,]+/)) {
    const [mantissa, exponent = '0'] = token.toLowerCase().split('e');
    const decimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    finest = Math.min(finest, Math.max(isArray ? 8 : 0, decimals) - Number(exponent));
  }
  return Math.max(1e-8, 0.5 * 10 ** -finest);
}

/** The elements a printed label like `a[4][1]` shows: the sub-array at `index`, flattened. */
export function selectPrinted(t: Tensor, index: readonly number[]): number[] {
  if (index.length > t.shape.length) {
    throw new RangeError(`index [${index.join('][')}] has more axes than shape ${formatShape(t.shape)}`);
  }
  let offset = 0;
  let stride = t.size;
  for (let k = 0; k < index.length; k++) {
    stride /= t.shape[k];
    if (!(index[k] >= 0 && index[k] < t.shape[k])) {
      throw new RangeError(`index ${index[k]} is out of range for axis ${k} of shape ${formatShape(t.shape)}`);
    }
    offset += index[k] * stride;
  }
  return Array.from(t.data.subarray(offset, offset + stride));
}

export interface ValueCheck {
  kind: 'values';
  expected: PrintedValues;
  got: number[];
  want: number[];
  /** Largest |got - want| over the printed elements. */
  maxError: number;
  tolerance: number;
  pass: boolean;
  /** Why it failed before comparing (missing result, wrong length). */
  problem?: string;
}

export interface ShapeCheck {
  kind: 'shape';
  expected: PrintedShape;
  got: string;
  pass: boolean;
}

export interface CellResult {
  cell: NotebookCell;
  checks: (ValueCheck | ShapeCheck)[];
  pass: boolean;
  /** Set when building the inputs or the seed API threw. */
  error?: string;
}

function checkValues(named: Named, e: PrintedValues): ValueCheck {
  const want = parsePrinted(e.printed);
  const tolerance = printedTolerance(e.printed);
  const base = { kind: 'values' as const, expected: e, want, tolerance };
  const t = named[e.of];
  if (!(t instanceof Tensor)) return { ...base, got: [], maxError: Infinity, pass: false, problem: `no tensor named ${e.of}` };
  let got: number[];
  try {
    got = selectPrinted(t, e.index);
  } catch (err) {
    return { ...base, got: [], maxError: Infinity, pass: false, problem: String(err) };
  }
  if (got.length !== want.length) {
    return { ...base, got, maxError: Infinity, pass: false, problem: `${got.length} values, the notebook prints ${want.length}` };
  }
  let maxError = 0;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    maxError = Number.isNaN(err) ? Infinity : Math.max(maxError, err);
  }
  return { ...base, got, maxError, pass: maxError <= tolerance };
}

function checkShape(named: Named, e: PrintedShape): ShapeCheck {
  const t = named[e.of];
  const got = t instanceof Tensor ? formatShape(t.shape) : `no tensor named ${e.of}`;
  return { kind: 'shape', expected: e, got, pass: got === e.printed };
}

/** One cell, recomputed on the current backend. */
export function runNotebookCell(cell: NotebookCell): CellResult {
  let named: Named;
  try {
    const inputs = notebookInputs(cell);
    named = { ...inputs, ...COMPUTE[cell.id](inputs) };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { cell, checks: [], pass: false, error };
  }
  const checks = cell.expect.map((e) => (e.kind === 'values' ? checkValues(named, e) : checkShape(named, e)));
  return { cell, checks, pass: checks.every((c) => c.pass), error: undefined };
}

/** Every notebook cell, on the current backend. */
export function runNotebookChecks(cells: readonly NotebookCell[] = NOTEBOOK_CELLS): CellResult[] {
  return cells.map(runNotebookCell);
}

/** One line per failed check of `result` (and the error it threw, if any); '' when all pass. */
export function describeCellFailures(result: CellResult): string {
  const lines = result.error ? [`threw ${result.error}`] : [];
  for (const c of result.checks) {
    if (c.pass) continue;
    if (c.kind === 'shape') lines.push(`${c.expected.label}: got ${c.got}, printed ${c.expected.printed}`);
    else lines.push(`${c.expected.label}: got [${c.got.join(', ')}], printed ${c.expected.printed} (max error ${c.maxError}, tolerance ${c.tolerance})${c.problem ? `: ${c.problem}` : ''}`);
  }
  return lines.join('\n');
}
