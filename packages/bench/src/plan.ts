/**
 * What the bench measures: the work items every system is asked to run, their nominal
 * FLOP counts, and which smaller item predicts a larger one's time (for the time cap).
 */

export type Dtype = 'f32' | 'f64';
export type Cell = 'lstm' | 'gru' | 'rnn';
export type RecurrentWork = 'forward' | 'forward+backward';

export interface RecurrentItem {
  kind: 'recurrent';
  id: string;
  cell: Cell;
  work: RecurrentWork;
  /** 'tiny', 'medium', 'big', or 'big-T10' (the big shape at T=10, for the slow systems). */
  shape: string;
  T: number;
  B: number;
  X: number;
  H: number;
  dtype: Dtype;
  flops: number;
  /** Smaller items of this system whose measured time predicts this one's (largest first). */
  predictFrom: string[];
}

export interface GemmItem {
  kind: 'gemm';
  id: string;
  /** e.g. '1024' for a square, or 'lstm-input-projection'. */
  shape: string;
  M: number;
  K: number;
  N: number;
  dtype: Dtype;
  flops: number;
  predictFrom: string[];
}

export type Item = RecurrentItem | GemmItem;

export interface RecurrentShape {
  name: string;
  T: number;
  B: number;
  X: number;
  H: number;
}

/** The seed's tiny shape, a medium one, and the big one of issue 5 (plus big at T=10). */
export const RECURRENT_SHAPES: readonly RecurrentShape[] = [
  { name: 'tiny', X: 3, H: 5, B: 10, T: 4 },
  { name: 'medium', X: 64, H: 128, B: 32, T: 50 },
  { name: 'big-T10', X: 256, H: 512, B: 64, T: 10 },
  { name: 'big', X: 256, H: 512, B: 64, T: 100 },
];

export interface GemmShape {
  name: string;
  M: number;
  K: number;
  N: number;
}

/** C = A(M×K)·B(K×N): squares, then the LSTM's skinny shapes (its input projection, recurrent step and BPTT products). */
export const GEMM_SHAPES: readonly GemmShape[] = [
  { name: '256', M: 256, K: 256, N: 256 },
  { name: '512', M: 512, K: 512, N: 512 },
  { name: '1024', M: 1024, K: 1024, N: 1024 },
  { name: '2048', M: 2048, K: 2048, N: 2048 },
  { name: 'lstm-input-projection', M: 2048, K: 256, N: 6400 },
  { name: 'lstm-recurrent-step', M: 2048, K: 512, N: 64 },
  { name: 'bptt-weight-grad', M: 2048, K: 6400, N: 768 },
  { name: 'bptt-recurrent-step', M: 512, K: 2048, N: 64 },
];

/** Only for the smoke test: a GEMM small enough to run in milliseconds everywhere. */
export const SMOKE_GEMM_SHAPE: GemmShape = { name: '64', M: 64, K: 64, N: 64 };

export const GATES: Readonly<Record<Cell, number>> = { rnn: 1, lstm: 4, gru: 3 };
export const CELLS: readonly Cell[] = ['lstm', 'gru', 'rnn'];
export const WORKS: readonly RecurrentWork[] = ['forward', 'forward+backward'];
export const DTYPES: readonly Dtype[] = ['f32', 'f64'];

/**
 * Nominal GEMM FLOPs of a whole-sequence pass: the input and recurrent projections,
 * 2·T·B·(X+H)·G·H; backward does twice that (input/state gradients and weight gradients).
 * Elementwise gate math is not counted, so GFLOP/s is comparable across systems.
 */
export function recurrentFlops(cell: Cell, work: RecurrentWork, s: RecurrentShape): number {
  const fwd = 2 * s.T * s.B * (s.X + s.H) * GATES[cell] * s.H;
  return work === 'forward' ? fwd : 3 * fwd;
}

export function recurrentId(cell: Cell, work: RecurrentWork, shape: string, dtype: Dtype): string {
  return `${cell}/${work}/${shape}/${dtype}`;
}

export function gemmId(shape: string, dtype: Dtype): string {
  return `gemm/${shape}/${dtype}`;
}

export interface PlanOptions {
  shapes: readonly string[];
  cells: readonly Cell[];
  dtypes: readonly Dtype[];
  gemm: boolean;
  /** Replace the GEMM shapes by one 64³ (smoke test). */
  smoke: boolean;
}

export function buildPlan(o: PlanOptions): Item[] {
  const items: Item[] = [];
  const shapes = RECURRENT_SHAPES.filter((s) => o.shapes.includes(s.name));
  for (const dtype of o.dtypes) {
    for (const cell of o.cells) {
      for (const work of WORKS) {
        for (const s of shapes) {
          // Only big-T10 predicts big (the same matrices, 10× the steps). Smaller shapes are
          // too overhead-bound to predict by FLOPs, so big-T10 is always tried (under the cap).
          const from = s.name === 'big' ? ['big-T10'] : [];
          items.push({
            kind: 'recurrent',
            id: recurrentId(cell, work, s.name, dtype),
            cell, work, shape: s.name, T: s.T, B: s.B, X: s.X, H: s.H, dtype,
            flops: recurrentFlops(cell, work, s),
            predictFrom: from.filter((n) => o.shapes.includes(n)).map((n) => recurrentId(cell, work, n, dtype)),
          });
        }
      }
    }
  }
  if (o.gemm) {
    const shapes = o.smoke ? [SMOKE_GEMM_SHAPE] : [...GEMM_SHAPES];
    shapes.sort((a, b) => a.M * a.K * a.N - b.M * b.K * b.N);
    for (const dtype of o.dtypes) {
      const done: string[] = [];
      for (const s of shapes) {
        const id = gemmId(s.name, dtype);
        items.push({ kind: 'gemm', id, shape: s.name, M: s.M, K: s.K, N: s.N, dtype, flops: 2 * s.M * s.K * s.N, predictFrom: [...done].reverse() });
        done.push(id);
      }
    }
  }
  return items;
}

export function describeShape(item: Item): string {
  if (item.kind === 'gemm') return `${item.shape} (M${item.M} K${item.K} N${item.N})`;
  return `${item.shape} (X${item.X} H${item.H} B${item.B} T${item.T})`;
}
