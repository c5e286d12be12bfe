/**
 * The WebAssembly targets (recur wasm against the wasm peers, one thread), judged from one
 * run, and the module facts the report states beside the machine: size, compile+instantiate
 * time, and the simd128 multiply+add peak the wasm GEMM is held against (simd128 has no FMA,
 * so a wasm GEMM's ceiling is that loop, not the native FMA peak).
 */
import { gemmId, recurrentId, type RecurrentWork } from '../plan.js';
import { find, ok, timeMs, type ResultsDocument } from './document.js';
import { fmtGflops, fmtRatio, fmtTime } from './format.js';
import type { TargetVerdict } from './targets.js';

const WASM = 'wasm';
/** The shape the WebAssembly targets name (the big shape at T=10: every wasm peer runs it). */
const SHAPE = 'big-T10';

interface WasmDetails {
  moduleBytes?: number;
  moduleGzipBytes?: number;
  compileInstantiateMs?: number;
  simd128PeakGflops?: number;
  isa?: string;
}

function details(doc: ResultsDocument): WasmDetails | null {
  const sys = doc.systems.find((s) => s.id === WASM && s.status === 'ok');
  return sys ? ((sys.details ?? {}) as WasmDetails) : null;
}

function verdict(target: string, goal: number, ratio: number, measured: string, lowerBound = false): TargetVerdict {
  if (ratio >= goal) return { target, status: 'met', measured: `${lowerBound ? 'over ' : ''}${fmtRatio(ratio)} (goal ${fmtRatio(goal)}); ${measured}` };
  if (lowerBound) return { target, status: 'not measured', measured: `only a lower bound, ${fmtRatio(ratio)}; ${measured}` };
  return { target, status: 'missed', measured: `${fmtRatio(ratio)} against the ${fmtRatio(goal)} goal: short by a factor ${(goal / ratio).toFixed(2)}; ${measured}` };
}

/** peer time ÷ recur wasm time on the LSTM at big-T10, f32 (a peer killed at the cap gives a lower bound). */
function versus(doc: ResultsDocument, peer: string, label: string, work: RecurrentWork, goal: number): TargetVerdict {
  const target = `WebAssembly: LSTM ${work} at least ${fmtRatio(goal)} ${label} (X256 H512 B64 T10, f32, 1 thread)`;
  const id = recurrentId('lstm', work, SHAPE, 'f32');
  const w = find(doc, WASM, id);
  const p = find(doc, peer, id);
  if (!ok(w)) return { target, status: 'not measured', measured: 'no recur wasm measurement' };
  const wt = timeMs(doc, w);
  if (p?.killedAfterSec !== undefined) {
    return verdict(target, goal, (p.killedAfterSec * 1000) / wt, `${peer} killed after ${p.killedAfterSec} s vs recur wasm ${fmtTime(wt)}`, true);
  }
  if (!ok(p)) {
    const sys = doc.systems.find((s) => s.id === peer);
    return { target, status: 'not measured', measured: sys?.status === 'missing' ? `${peer} missing: ${sys.reason ?? ''}` : `no ${peer} measurement (${p?.status ?? 'not run'})` };
  }
  return verdict(target, goal, timeMs(doc, p) / wt, `${peer} ${fmtTime(timeMs(doc, p))} vs recur wasm ${fmtTime(wt)}`);
}

function gemmVsPeak(doc: ResultsDocument): TargetVerdict {
  const target = 'WebAssembly: GEMM 512³ at least 75% of the measured simd128 multiply+add loop peak (f32, 1 thread)';
  const peak = details(doc)?.simd128PeakGflops;
  const m = find(doc, WASM, gemmId('512', 'f32'));
  if (!peak) return { target, status: 'not measured', measured: 'no simd128 peak (recur wasm did not run)' };
  if (!ok(m) || m.gflops === undefined) return { target, status: 'not measured', measured: 'no recur wasm GEMM 512 measurement' };
  const pct = (100 * m.gflops) / peak;
  const measured = `${fmtGflops(m.gflops)} GFLOP/s = ${pct.toFixed(0)}% of the ${fmtGflops(peak)} GFLOP/s loop`;
  return pct >= 75 ? { target, status: 'met', measured } : { target, status: 'missed', measured: `${measured}: ${(75 - pct).toFixed(0)} points short` };
}

export function judgeWasmTargets(doc: ResultsDocument): TargetVerdict[] {
  return [
    versus(doc, 'tfjs-wasm', 'TF.js wasm', 'forward', 2.5),
    versus(doc, 'ort-web', 'onnxruntime-web (wasm EP)', 'forward', 1.3),
    versus(doc, 'tfjs-wasm', 'TF.js wasm', 'forward+backward', 5),
    gemmVsPeak(doc),
    versus(doc, 'ts', 'recur ts', 'forward', 30),
  ];
}

/** The machine-section line about the WebAssembly module, or null when recur wasm did not run. */
export function wasmModuleLine(doc: ResultsDocument): string | null {
  const d = details(doc);
  if (d === null) return null;
  const kb = (n: number | undefined) => (n === undefined ? '?' : `${(n / 1024).toFixed(0)} KB`);
  const ms = d.compileInstantiateMs === undefined ? '?' : `${d.compileInstantiateMs.toFixed(1)} ms`;
  const peak = d.simd128PeakGflops === undefined ? '?' : `${fmtGflops(d.simd128PeakGflops)} GFLOP/s f32`;
  return `- **WebAssembly module** (@recur/wasm, ${d.isa ?? '?'}): ${kb(d.moduleBytes)} raw, ${kb(d.moduleGzipBytes)} gzipped; compile + instantiate ${ms} (best of 5, in Node); measured simd128 multiply+add loop peak ${peak} (one thread; simd128 has no FMA, so this, not the FMA peak, is a wasm GEMM's ceiling)`;
}
