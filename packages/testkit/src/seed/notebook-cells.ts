/**
 * The notebook's eight test cells as data (docs/origin-notebook.md): the
 * random draws each cell makes after np.random.seed(1), in order, and the numbers it prints,
 * copied as printed. Shared by notebook-checks.ts (the tests) and
 * packages/testkit/scripts/notebook-walkthrough.ts. Which printed numbers are right (docs/origin-notebook.md):
 * - the four forward cells and rnn_backward: the printed output;
 * - rnn_cell_backward: the printed output (the "Expected Output" table beside it came from
 *   other parameters; it is kept here as `notebookTable`, never checked);
 * - lstm_cell_backward: the "Expected Output" table (the cell was never run);
 * - lstm_backward: correct BPTT with Wy/by zeros and T = 4 from da: the corrected numbers of docs/origin-notebook.md, the
 *   rest printed by fixtures/make_seed_fixtures.py (NumPy, finite-difference checked). The
 *   notebook's table is kept as `notebookTable`; the last cell below shows which computation
 *   it came from.
 * Not part of @recur/core's public API.
 */

/** One `randn` call: the notebook's variable name and the shape it draws. */
export type Draw = readonly [name: string, shape: readonly number[]];

export interface PrintedValues {
  kind: 'values';
  /** The label the notebook prints, e.g. `a_next[4]` or `gradients["dxt"][1][2]`. */
  label: string;
  /** The tensor read: a seed-API result (aNext, dxt, ...) or an input by its notebook name (x, ...). */
  of: string;
  /** Leading indices that select the printed element or row, as in the label. */
  index: readonly number[];
  /** The number(s) as the notebook prints them. */
  printed: string;
  /** A different number the notebook's "Expected Output" table gives (not the right one). */
  notebookTable?: string;
  note?: string;
}

export interface PrintedShape {
  kind: 'shape';
  label: string;
  of: string;
  printed: string;
}

export type Printed = PrintedValues | PrintedShape;

export type NotebookCellId =
  | 'rnn_cell_forward'
  | 'rnn_forward'
  | 'lstm_cell_forward'
  | 'lstm_forward'
  | 'rnn_cell_backward'
  | 'rnn_backward'
  | 'lstm_cell_backward'
  | 'lstm_backward'
  | 'lstm_backward_notebook_table';

export interface NotebookCell {
  id: NotebookCellId;
  /** Where the cell is and where its expected numbers come from. */
  title: string;
  /** 'notebook': the numbers are the notebook's own; 'correct': NumPy's (docs/origin-notebook.md), the notebook's being wrong. */
  expectedFrom: 'notebook' | 'correct';
  /** np.random.seed(1), then one np.random.randn(*shape) per draw, in this order. */
  draws: readonly Draw[];
  /** Parameters the test code never sets, filled with zeros (they draw nothing). */
  zeros?: readonly Draw[];
  expect: readonly Printed[];
  /** Printed lines that say something about Python, not about the numbers. */
  notComparable?: readonly string[];
  notes?: readonly string[];
}

const v = (label: string, of: string, index: readonly number[], printed: string, extra: Partial<PrintedValues> = {}): PrintedValues =>
  ({ kind: 'values', label, of, index, printed, ...extra });
const s = (label: string, of: string, printed: string): PrintedShape => ({ kind: 'shape', label, of, printed });
const g = (key: string): string => `gradients["${key}"]`;

const RNN_CELL_INPUTS: readonly Draw[] = [['xt', [3, 10]], ['a_prev', [5, 10]]];
const LSTM_CELL_INPUTS: readonly Draw[] = [['xt', [3, 10]], ['a_prev', [5, 10]], ['c_prev', [5, 10]]];
// The notebook's order in the RNN forward cells (Waa first) ...
const RNN_PARAMS_WAA_FIRST: readonly Draw[] = [['Waa', [5, 5]], ['Wax', [5, 3]], ['Wya', [2, 5]], ['ba', [5, 1]], ['by', [2, 1]]];
// ... and in the RNN backward cells (Wax first).
const RNN_PARAMS_WAX_FIRST: readonly Draw[] = [['Wax', [5, 3]], ['Waa', [5, 5]], ['Wya', [2, 5]], ['ba', [5, 1]], ['by', [2, 1]]];
const LSTM_GATES: readonly Draw[] = [
  ['Wf', [5, 8]], ['bf', [5, 1]], ['Wi', [5, 8]], ['bi', [5, 1]], ['Wo', [5, 8]], ['bo', [5, 1]], ['Wc', [5, 8]], ['bc', [5, 1]],
];
const LSTM_HEAD: readonly Draw[] = [['Wy', [2, 5]], ['by', [2, 1]]];

const LSTM_BACKWARD_DRAWS: readonly Draw[] = [['x', [3, 10, 7]], ['a0', [5, 10]], ...LSTM_GATES, ['da', [5, 10, 4]]];

export const NOTEBOOK_CELLS: readonly NotebookCell[] = [
  {
    id: 'rnn_cell_forward',
    title: 'rnn_cell_forward (In [3]): printed output',
    expectedFrom: 'notebook',
    draws: [...RNN_CELL_INPUTS, ...RNN_PARAMS_WAA_FIRST],
    expect: [
      v('a_next[4]', 'aNext', [4], '[ 0.59584544  0.18141802  0.61311866  0.99808218  0.85016201  0.99980978 -0.18887155  0.99815551  0.6531151   0.82872037]'),
      s('a_next.shape', 'aNext', '(5, 10)'),
      v('yt_pred[1]', 'yPred', [1], '[ 0.9888161   0.01682021  0.21140899  0.36817467  0.98988387  0.88945212  0.36920224  0.9966312   0.9982559   0.17746526]'),
      s('yt_pred.shape', 'yPred', '(2, 10)'),
    ],
  },
  {
    id: 'rnn_forward',
    title: 'rnn_forward (In [14]): printed output',
    expectedFrom: 'notebook',
    draws: [['x', [3, 10, 4]], ['a0', [5, 10]], ...RNN_PARAMS_WAA_FIRST],
    expect: [
      v('a[4][1]', 'a', [4, 1], '[-0.99999375  0.77911235 -0.99861469 -0.99833267]'),
      s('a.shape', 'a', '(5, 10, 4)'),
      v('y_pred[1][3]', 'yPred', [1, 3], '[ 0.79560373  0.86224861  0.11118257  0.81515947]'),
      s('y_pred.shape', 'yPred', '(2, 10, 4)'),
      v('caches[1][1][3]', 'x', [1, 3], '[-1.1425182  -0.34934272 -0.20889423  0.58662319]', {
        note: 'caches[1] is the input x (the draws of RandomState)',
      }),
    ],
    notComparable: ['len(caches) = 2: the Python tuple (caches, x); recur\'s caches are opaque'],
  },
  {
    id: 'lstm_cell_forward',
    title: 'lstm_cell_forward (In [34]): printed output',
    expectedFrom: 'notebook',
    draws: [...LSTM_CELL_INPUTS, ...LSTM_GATES, ...LSTM_HEAD],
    expect: [
      v('a_next[4]', 'aNext', [4], '[-0.66408471  0.0036921   0.02088357  0.22834167 -0.85575339  0.00138482  0.76566531  0.34631421 -0.00215674  0.43827275]'),
      s('a_next.shape', 'aNext', '(5, 10)'),
      v('c_next[2]', 'cNext', [2], '[ 0.63267805  1.00570849  0.35504474  0.20690913 -1.64566718  0.11832942  0.76449811 -0.0981561  -0.74348425 -0.26810932]'),
      s('c_next.shape', 'cNext', '(5, 10)'),
      v('yt[1]', 'yPred', [1], '[ 0.79913913  0.15986619  0.22412122  0.15606108  0.97057211  0.31146381  0.00943007  0.12666353  0.39380172  0.07828381]'),
      s('yt.shape', 'yPred', '(2, 10)'),
      v('cache[1][3]', 'cNext', [3], '[-0.16263996  1.03729328  0.72938082 -0.54101719  0.02752074 -0.30821874  0.07651101 -1.03752894  1.41219977 -0.37647422]', {
        note: 'cache[1] is c_next',
      }),
    ],
    notComparable: ['len(cache) = 10: the Python tuple; recur\'s cache is opaque'],
  },
  {
    id: 'lstm_forward',
    title: 'lstm_forward (In [40]): printed output',
    expectedFrom: 'notebook',
    draws: [['x', [3, 10, 7]], ['a0', [5, 10]], ...LSTM_GATES, ...LSTM_HEAD],
    expect: [
      v('a[4][3][6]', 'a', [4, 3, 6], '0.172117767533'),
      s('a.shape', 'a', '(5, 10, 7)'),
      v('y[1][4][3]', 'yPred', [1, 4, 3], '0.95087346185'),
      s('y.shape', 'yPred', '(2, 10, 7)'),
      v('caches[1][1][1]', 'x', [1, 1], '[ 0.82797464  0.23009474  0.76201118 -0.22232814 -0.20075807  0.18656139  0.41005165]', {
        note: 'caches[1] is the input x (the draws of RandomState)',
      }),
      v('c[1][2][1]', 'c', [1, 2, 1], '-0.855544916718'),
    ],
    notComparable: ['len(caches) = 2: the Python tuple (caches, x); recur\'s caches are opaque'],
  },
  {
    id: 'rnn_cell_backward',
    title: 'rnn_cell_backward (In [59]): printed output (the "Expected Output" table beside it is stale)',
    expectedFrom: 'notebook',
    draws: [...RNN_CELL_INPUTS, ...RNN_PARAMS_WAX_FIRST, ['da_next', [5, 10]]],
    expect: [
      v(`${g('dxt')}[1][2]`, 'dxt', [1, 2], '-1.3872130506', { notebookTable: '-0.460564103059' }),
      s(`${g('dxt')}.shape`, 'dxt', '(3, 10)'),
      v(`${g('da_prev')}[2][3]`, 'daPrev', [2, 3], '-0.152399493774', { notebookTable: '0.0842968653807' }),
      s(`${g('da_prev')}.shape`, 'daPrev', '(5, 10)'),
      v(`${g('dWax')}[3][1]`, 'dWax', [3, 1], '0.410772824935', { notebookTable: '0.393081873922' }),
      s(`${g('dWax')}.shape`, 'dWax', '(5, 3)'),
      v(`${g('dWaa')}[1][2]`, 'dWaa', [1, 2], '1.15034506685', { notebookTable: '-0.28483955787' }),
      s(`${g('dWaa')}.shape`, 'dWaa', '(5, 5)'),
      v(`${g('dba')}[4]`, 'dba', [4], '[ 0.20023491]', { notebookTable: '[ 0.80517166]' }),
      s(`${g('dba')}.shape`, 'dba', '(5, 1)'),
    ],
    notes: ['The "Expected Output" table came from different parameters and cannot be reproduced from this code.'],
  },
  {
    id: 'rnn_backward',
    title: 'rnn_backward (In [63]): printed output (= Expected Output)',
    expectedFrom: 'notebook',
    draws: [['x', [3, 10, 4]], ['a0', [5, 10]], ...RNN_PARAMS_WAX_FIRST, ['da', [5, 10, 4]]],
    expect: [
      v(`${g('dx')}[1][2]`, 'dx', [1, 2], '[-2.07101689 -0.59255627  0.02466855  0.01483317]'),
      s(`${g('dx')}.shape`, 'dx', '(3, 10, 4)'),
      v(`${g('da0')}[2][3]`, 'da0', [2, 3], '-0.314942375127'),
      s(`${g('da0')}.shape`, 'da0', '(5, 10)'),
      v(`${g('dWax')}[3][1]`, 'dWax', [3, 1], '11.2641044965'),
      s(`${g('dWax')}.shape`, 'dWax', '(5, 3)'),
      v(`${g('dWaa')}[1][2]`, 'dWaa', [1, 2], '2.30333312658'),
      s(`${g('dWaa')}.shape`, 'dWaa', '(5, 5)'),
      v(`${g('dba')}[4]`, 'dba', [4], '[-0.74747722]'),
      s(`${g('dba')}.shape`, 'dba', '(5, 1)'),
    ],
  },
  {
    id: 'lstm_cell_backward',
    title: 'lstm_cell_backward (3.2.1, never run): Expected Output table',
    expectedFrom: 'notebook',
    draws: [...LSTM_CELL_INPUTS, ...LSTM_GATES, ...LSTM_HEAD, ['da_next', [5, 10]], ['dc_next', [5, 10]]],
    expect: [
      v(`${g('dxt')}[1][2]`, 'dxt', [1, 2], '3.23055911511'),
      s(`${g('dxt')}.shape`, 'dxt', '(3, 10)'),
      v(`${g('da_prev')}[2][3]`, 'daPrev', [2, 3], '-0.0639621419711'),
      s(`${g('da_prev')}.shape`, 'daPrev', '(5, 10)'),
      v(`${g('dc_prev')}[2][3]`, 'dcPrev', [2, 3], '0.797522038797'),
      s(`${g('dc_prev')}.shape`, 'dcPrev', '(5, 10)'),
      v(`${g('dWf')}[3][1]`, 'dWf', [3, 1], '-0.147954838164'),
      s(`${g('dWf')}.shape`, 'dWf', '(5, 8)'),
      v(`${g('dWi')}[1][2]`, 'dWi', [1, 2], '1.05749805523'),
      s(`${g('dWi')}.shape`, 'dWi', '(5, 8)'),
      v(`${g('dWc')}[3][1]`, 'dWc', [3, 1], '2.30456216369'),
      s(`${g('dWc')}.shape`, 'dWc', '(5, 8)'),
      v(`${g('dWo')}[1][2]`, 'dWo', [1, 2], '0.331311595289'),
      s(`${g('dWo')}.shape`, 'dWo', '(5, 8)'),
      v(`${g('dbf')}[4]`, 'dbf', [4], '[ 0.18864637]'),
      s(`${g('dbf')}.shape`, 'dbf', '(5, 1)'),
      v(`${g('dbi')}[4]`, 'dbi', [4], '[-0.40142491]'),
      s(`${g('dbi')}.shape`, 'dbi', '(5, 1)'),
      v(`${g('dbc')}[4]`, 'dbc', [4], '[ 0.25587763]'),
      s(`${g('dbc')}.shape`, 'dbc', '(5, 1)'),
      v(`${g('dbo')}[4]`, 'dbo', [4], '[ 0.13893342]'),
      s(`${g('dbo')}.shape`, 'dbo', '(5, 1)'),
    ],
  },
  {
    id: 'lstm_backward',
    title: 'lstm_backward (3.3, never run): correct BPTT, Wy/by zeros, T = 4 from da (docs/origin-notebook.md; the rest from make_seed_fixtures.py)',
    expectedFrom: 'correct',
    draws: LSTM_BACKWARD_DRAWS,
    zeros: LSTM_HEAD,
    expect: [
      v(`${g('dx')}[1][2]`, 'dx', [1, 2], '[ 0.00218254  0.28205375 -0.48292508 -0.43281115]', {
        notebookTable: '[-0.00173313  0.08287442 -0.30545663 -0.43281115]',
      }),
      s(`${g('dx')}.shape`, 'dx', '(3, 10, 4)'),
      v(`${g('da0')}[2][3]`, 'da0', [2, 3], '0.312770310257', { notebookTable: '-0.095911501954' }),
      s(`${g('da0')}.shape`, 'da0', '(5, 10)'),
      v(`${g('dWf')}[3][1]`, 'dWf', [3, 1], '-0.0809802310938', { notebookTable: '-0.0698198561274' }),
      s(`${g('dWf')}.shape`, 'dWf', '(5, 8)'),
      v(`${g('dWi')}[1][2]`, 'dWi', [1, 2], '0.40512433093', { notebookTable: '0.102371820249' }),
      s(`${g('dWi')}.shape`, 'dWi', '(5, 8)'),
      v(`${g('dWc')}[3][1]`, 'dWc', [3, 1], '-0.0793746735512', { notebookTable: '-0.0624983794927' }),
      s(`${g('dWc')}.shape`, 'dWc', '(5, 8)'),
      v(`${g('dWo')}[1][2]`, 'dWo', [1, 2], '0.038948775763', { notebookTable: '0.0484389131444' }),
      s(`${g('dWo')}.shape`, 'dWo', '(5, 8)'),
      v(`${g('dbf')}[4]`, 'dbf', [4], '[-0.15745657]', { notebookTable: '[-0.0565788]' }),
      s(`${g('dbf')}.shape`, 'dbf', '(5, 1)'),
      v(`${g('dbi')}[4]`, 'dbi', [4], '[-0.50848333]', { notebookTable: '[-0.06997391]' }),
      s(`${g('dbi')}.shape`, 'dbi', '(5, 1)'),
      v(`${g('dbc')}[4]`, 'dbc', [4], '[-0.42510818]', { notebookTable: '[-0.27441821]' }),
      s(`${g('dbc')}.shape`, 'dbc', '(5, 1)'),
      v(`${g('dbo')}[4]`, 'dbo', [4], '[-0.17958196]', { notebookTable: '[ 0.16532821]' }),
      s(`${g('dbo')}.shape`, 'dbo', '(5, 1)'),
    ],
    notes: [
      'The test code is inconsistent: x has T_x = 7, da has 4 steps, and Wy/by are never set.',
      'The notebook\'s table dropped the gradient flowing back through a and c between steps (see the next cell).',
    ],
  },
  {
    id: 'lstm_backward_notebook_table',
    title: 'lstm_backward\'s Expected Output table = the no-recurrent-gradient special case (NOT the gradient)',
    expectedFrom: 'notebook',
    draws: LSTM_BACKWARD_DRAWS,
    zeros: LSTM_HEAD,
    expect: [
      v(`${g('dx')}[1][2]`, 'dx', [1, 2], '[-0.00173313  0.08287442 -0.30545663 -0.43281115]'),
      v(`${g('da0')}[2][3]`, 'da0', [2, 3], '-0.095911501954'),
      v(`${g('dWf')}[3][1]`, 'dWf', [3, 1], '-0.0698198561274'),
      v(`${g('dWi')}[1][2]`, 'dWi', [1, 2], '0.102371820249'),
      v(`${g('dWc')}[3][1]`, 'dWc', [3, 1], '-0.0624983794927'),
      v(`${g('dWo')}[1][2]`, 'dWo', [1, 2], '0.0484389131444'),
      v(`${g('dbf')}[4]`, 'dbf', [4], '[-0.0565788]'),
    ],
    notComparable: [
      'dbi[4], dbc[4], dbo[4] of the table ([-0.06997391], [-0.27441821], [ 0.16532821]) match neither this special case '
        + '([-0.15399065], [-0.29691142], [-0.29798344]) nor correct BPTT: their origin is unknown',
    ],
    notes: [
      'Computed by lstmBackwardWithoutRecurrentGradient: each step sees only da[:, :, t], nothing from step t+1.',
      'This documents where the notebook\'s table came from; recur\'s lstmBackward is the full gradient (previous cell).',
    ],
  },
];
