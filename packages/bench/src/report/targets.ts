import { judgeIssue14Targets } from './targets-14.js';

/** The targets of issues 5 and 14 (and issue 13's WebAssembly ones, wasm-targets.ts), each judged from one run's measurements: met, or missed by how much. */
import { GEMM_SHAPES, recurrentId, type Cell, type Dtype, type RecurrentWork } from '../plan.js';
import { bigPair, find, gemmMeasurement, nativeAllThreads, ok, timeMs, type ResultsDocument } from './document.js';
import { fmtGflops, fmtRatio, fmtTime } from './format.js';
import { judgeWasmTargets } from './wasm-targets.js';

export interface TargetVerdict {
  target: string;
  status: 'met' | 'missed' | 'not measured';
  measured: string;
}

function speedupVerdict(target: string, goal: number, ratio: number, measured: string): TargetVerdict {
  if (ratio >= goal) return { target, status: 'met', measured: `${fmtRatio(ratio)} (goal ${fmtRatio(goal)}); ${measured}` };
  const need = (goal / ratio - 1) * 100;
  return { target, status: 'missed', measured: `${fmtRatio(ratio)} against the ${fmtRatio(goal)} goal: short by a factor ${(goal / ratio).toFixed(2)} (${need.toFixed(0)}% more speed needed); ${measured}` };
}

/** What a reader must know about a peer's build to weigh the ratio. */
function caveat(doc: ResultsDocument, peer: string): string {
  const sys = doc.systems.find((s) => s.id === peer);
  if (sys?.details?.blas === 'generic') {
    return `. Caution: this PyTorch uses a generic reference BLAS (Debian's python3-torch), so beating it says little about PyTorch as usually installed (MKL/oneDNN)`;
  }
  return '';
}

/** native 1 thread vs a peer on the big shape, f32: peer time / native time ≥ goal. */
function versusPeer(doc: ResultsDocument, target: string, peer: string, cell: Cell, work: RecurrentWork, goal: number): TargetVerdict {
  const p = bigPair(doc, peer, cell, work, 'f32');
  const killed = p ? null : killedPair(doc, peer, cell, work);
  if (killed) {
    const r = (killed.m.killedAfterSec * 1000) / timeMs(doc, killed.base);
    const why = `${peer} killed after ${killed.m.killedAfterSec} s (one call, ${killed.shape}) vs native ${fmtTime(timeMs(doc, killed.base))}: a lower bound`;
    return r >= goal ? { target, status: 'met', measured: `over ${fmtRatio(r)} (goal ${fmtRatio(goal)}); ${why}` } : { target, status: 'not measured', measured: `only a lower bound, ${fmtRatio(r)}; ${why}` };
  }
  if (!p) {
    const sys = doc.systems.find((s) => s.id === peer);
    const why = sys?.status === 'missing' ? `${peer} missing: ${sys.reason ?? ''}` : `no ${peer} measurement on the big shape`;
    return { target, status: 'not measured', measured: why };
  }
  const at = p.shape === 'big' ? 'big shape' : 'big shape at T=10 (T=100 was over the time cap)';
  return speedupVerdict(target, goal, timeMs(doc, p.m) / timeMs(doc, p.base), `${peer} ${fmtTime(timeMs(doc, p.m))} vs native ${fmtTime(timeMs(doc, p.base))}, ${at}${caveat(doc, peer)}`);
}

/** A peer's call killed at the hard cap on the big shape (or big at T=10), with native's time there. */
function killedPair(doc: ResultsDocument, peer: string, cell: Cell, work: RecurrentWork) {
  for (const shape of ['big', 'big-T10']) {
    const id = recurrentId(cell, work, shape, 'f32');
    const m = find(doc, peer, id);
    const base = find(doc, 'native-1t', id);
    if (m?.killedAfterSec !== undefined && ok(base)) return { m: { ...m, killedAfterSec: m.killedAfterSec }, base, shape };
  }
  return null;
}

function gemmTarget(doc: ResultsDocument, dtype: Dtype): TargetVerdict {
  const target = `GEMM at least 80% of one core's peak (${dtype}, 1 thread)`;
  // The stricter of the two peaks: the theoretical one at /proc/cpuinfo's (nominal) clock,
  // and the measured FMA loop, which shows the clock the core really runs at.
  const theory = doc.machine.peakPerCore?.[dtype];
  const measuredPeak = doc.machine.measuredPeak?.[dtype];
  const peak = Math.max(theory ?? 0, measuredPeak ?? 0);
  if (peak === 0) return { target, status: 'not measured', measured: 'peak unknown (no clock in /proc/cpuinfo, no FMA loop)' };
  const which = measuredPeak !== undefined && measuredPeak >= (theory ?? 0) ? 'the measured FMA-loop peak' : 'the theoretical peak';
  const rows = GEMM_SHAPES.map((s) => ({ s, m: gemmMeasurement(doc, 'native-1t', s.name, dtype) })).filter((r) => ok(r.m) && r.m?.gflops !== undefined);
  if (rows.length === 0) return { target, status: 'not measured', measured: 'no native GEMM measurement' };
  const parts = rows.map((r) => ({ name: r.s.name, pct: (100 * (r.m?.gflops ?? 0)) / peak }));
  const met = parts.filter((p) => p.pct >= 80).length;
  const worst = parts.reduce((a, b) => (b.pct < a.pct ? b : a));
  const list = parts.map((p) => `${p.name} ${p.pct.toFixed(0)}%`).join(', ');
  const measured = `${met} of ${parts.length} shapes at ≥80% of ${fmtGflops(peak)} GFLOP/s (${which}): ${list}`;
  return met === parts.length
    ? { target, status: 'met', measured }
    : { target, status: 'missed', measured: `${measured}; worst ${worst.name} is ${(80 - worst.pct).toFixed(0)} points short` };
}

function threadsTarget(doc: ResultsDocument): TargetVerdict[] {
  const all = nativeAllThreads(doc);
  return (['forward', 'forward+backward'] as const).map((work) => {
    const target = `${all?.threads ?? 2} threads at least 1.7× one thread, big shape (native LSTM ${work}, f32)`;
    if (!all || all.status !== 'ok') return { target, status: 'not measured' as const, measured: 'no multi-thread native run' };
    const p = bigPair(doc, all.id, 'lstm', work, 'f32');
    if (!p) return { target, status: 'not measured' as const, measured: 'no measurement' };
    const busy = Math.max(...doc.machine.loadAverageAtStart, ...doc.machine.loadAverageAtEnd);
    const load = busy > 1.5 ? `. The load average reached ${busy.toFixed(1)} on ${doc.machine.threads} cores during the run: the second thread competed with other jobs` : '';
    const at = (p.shape === 'big' ? '' : ', big shape at T=10 (T=100 was over the time cap)') + load;
    return speedupVerdict(target, 1.7, timeMs(doc, p.base) / timeMs(doc, p.m), `${all.id} ${fmtTime(timeMs(doc, p.m))} vs native-1t ${fmtTime(timeMs(doc, p.base))}${at}`);
  });
}

function tinyTarget(doc: ResultsDocument): TargetVerdict {
  const target = "On the seed's tiny shape, native no slower than ts (every cell, work and dtype)";
  const ratios: { id: string; r: number }[] = [];
  for (const cell of ['lstm', 'gru', 'rnn'] as const) {
    for (const work of ['forward', 'forward+backward'] as const) {
      for (const dtype of ['f32', 'f64'] as const) {
        const id = recurrentId(cell, work, 'tiny', dtype);
        const t = find(doc, 'ts', id);
        const n = find(doc, 'native-1t', id);
        if (ok(t) && ok(n)) ratios.push({ id, r: timeMs(doc, t) / timeMs(doc, n) });
      }
    }
  }
  if (ratios.length === 0) return { target, status: 'not measured', measured: 'no tiny-shape pair' };
  const worst = ratios.reduce((a, b) => (b.r < a.r ? b : a));
  return speedupVerdict(target, 1, worst.r, `slowest case ${worst.id}, over ${ratios.length} cases (ts time ÷ native time)`);
}

export function judgeTargets(doc: ResultsDocument): TargetVerdict[] {
  const torch = 'torch-1t';
  return [
    versusPeer(doc, 'LSTM forward at least 1.5× faster than optimized NumPy (big, f32, 1 thread)', 'numpy-1t', 'lstm', 'forward', 1.5),
    versusPeer(doc, 'LSTM forward at least as fast as PyTorch CPU nn.LSTM (big, f32, 1 thread)', torch, 'lstm', 'forward', 1),
    versusPeer(doc, 'LSTM forward+backward at least 1.2× PyTorch CPU (big, f32, 1 thread)', torch, 'lstm', 'forward+backward', 1.2),
    versusPeer(doc, 'LSTM forward at least 20× TF.js cpu (big, f32, 1 thread)', 'tfjs-cpu', 'lstm', 'forward', 20),
    versusPeer(doc, 'LSTM forward at least 3× TF.js wasm (big, f32, 1 thread)', 'tfjs-wasm', 'lstm', 'forward', 3),
    gemmTarget(doc, 'f32'),
    gemmTarget(doc, 'f64'),
    ...threadsTarget(doc),
    tinyTarget(doc),
    // Not in issue 5's list: ONNX Runtime's LSTM operator is the speed anchor that counts (the fastest peer a user would pick).
    versusPeer(doc, 'Anchor: LSTM forward at least as fast as ONNX Runtime LSTM (big, f32, 1 thread)', 'ort-1t', 'lstm', 'forward', 1),
    ...judgeIssue14Targets(doc).map((t) => ({ ...t, target: `Issue 14: ${t.target}` })),
    ...judgeWasmTargets(doc),
  ];
}
