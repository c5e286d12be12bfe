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

/**
 * The seed API end to end (lstmForward / lstmBackward of @recur/core on (n, m, T) arrays,
 * the softmax head y included): layout changes, parameter packing and the kernels.
 */
export interface SeedItem {
  kind: 'seed';
  id: string;
  cell: 'lstm';
  work: RecurrentWork;
  shape: string;
  T: number;
  B: number;
  X: number;
  H: number;
  /** Classes of the output head y = softmax(Wy·a + by). */
  nY: number;
  dtype: Dtype;
  flops: number;
  predictFrom: string[];
}

/** Streaming: one LSTM time step for a batch of B (state carried from the previous call). */
export interface StreamItem {
  kind: 'stream';
  id: string;
  cell: 'lstm';
  shape: string;
  B: number;
  X: number;
  H: number;
  dtype: Dtype;
  flops: number;
  predictFrom: string[];
}

export type Item = RecurrentItem | GemmItem | SeedItem | StreamItem;

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

/** The seed API's shape: issue 14's X256 H512 m64 T100 with a 16-class head. */
export const SEED_SHAPE = { name: 'seed-big', X: 256, H: 512, nY: 16, B: 64, T: 100 } as const;

/** One-step streaming shapes: B = 1, X = 64, small and large hidden sizes. */
export const STREAM_SHAPES: readonly { name: string; B: number; X: number; H: number }[] = [
  { name: 'B1-H128', B: 1, X: 64, H: 128 },
  { name: 'B1-H512', B: 1, X: 64, H: 512 },
];

export function seedId(work: RecurrentWork, dtype: Dtype): string {
  return `seed/lstm/${work}/${SEED_SHAPE.name}/${dtype}`;
}

export function streamId(shape: string, dtype: Dtype): string {
  return `stream/lstm/step/${shape}/${dtype}`;
}

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
  /** The seed API and streaming items (f32, issue 14). */
  seedAndStream?: boolean;
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
  if ((o.seedAndStream ?? true) && o.dtypes.includes('f32') && o.cells.includes('lstm')) {
    const dtype = 'f32';
    if (!o.smoke) {
      const s = SEED_SHAPE;
      for (const work of WORKS) {
        // The head's GEMM (2·T·B·H·nY) counts too; backward twice that again, as recurrentFlops.
        const flops = recurrentFlops('lstm', work, s) + (work === 'forward' ? 1 : 3) * 2 * s.T * s.B * s.H * s.nY;
        items.push({ kind: 'seed', id: seedId(work, dtype), cell: 'lstm', work, shape: s.name, T: s.T, B: s.B, X: s.X, H: s.H, nY: s.nY, dtype, flops, predictFrom: [] });
      }
    }
    for (const s of o.smoke ? STREAM_SHAPES.slice(0, 1) : STREAM_SHAPES) {
      items.push({ kind: 'stream', id: streamId(s.name, dtype), cell: 'lstm', shape: s.name, B: s.B, X: s.X, H: s.H, dtype, flops: 2 * s.B * (s.X + s.H) * 4 * s.H, predictFrom: [] });
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
  if (item.kind === 'seed') return `${item.shape} (X${item.X} H${item.H} n_y${item.nY} m${item.B} T${item.T})`;
  if (item.kind === 'stream') return `one step (X${item.X} H${item.H} B${item.B})`;
  return `${item.shape} (X${item.X} H${item.H} B${item.B} T${item.T})`;
}
