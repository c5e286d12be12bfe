/** RESULTS.md: machine and peak, systems, targets, summary tables, then every line. */
import { CELLS, describeShape, DTYPES, GEMM_SHAPES, RECURRENT_SHAPES, recurrentId, gemmId, WORKS } from '../plan.js';
import type { Measurement, SystemInfo } from '../results.js';
import { find, type ResultsDocument } from './document.js';
import { cellText, fmaPercent, fmtGflops, fmtRatio, fmtTime, workLabel } from './format.js';
import { judgeTargets } from './targets.js';
import { wasmModuleLine } from './wasm-targets.js';

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function systemCell(doc: ResultsDocument, sys: SystemInfo, itemId: string): string {
  if (sys.status === 'missing') return 'missing';
  return cellText(find(doc, sys.id, itemId), doc.ratioBasis) || '–';
}

function machineSection(doc: ResultsDocument): string {
  const m = doc.machine;
  const peak = m.peakPerCore;
  return [
    `- **CPU**: ${m.cpu}, ${m.threads} hardware threads; SIMD flags: ${m.simdFlags.join(' ')} (used: ${m.simd})`,
    `- **Clock** (/proc/cpuinfo "cpu MHz" at start): ${m.mhz ?? 'unknown'} MHz`,
    peak
      ? `- **Theoretical peak per core**: **${fmtGflops(peak.f32)} GFLOP/s f32, ${fmtGflops(peak.f64)} GFLOP/s f64** (${m.peakFormula}); ×${m.threads} for all threads`
      : '- **Theoretical peak**: unknown',
    m.measuredPeak
      ? `- **Measured FMA-loop peak** (peak/fma-peak.c, one core, best of the runs at start and end): ${fmtGflops(m.measuredPeak.f32)} GFLOP/s f32, ${fmtGflops(m.measuredPeak.f64)} GFLOP/s f64, i.e. the core ran at about ${m.measuredPeak.impliedGhz.toFixed(2)} GHz with 2 FMA units. The clock in /proc/cpuinfo is the VM's nominal one and the cores can boost above it, so a GEMM can exceed 100% of the theoretical peak; other jobs on this shared machine can only lower the measured one.`
      : `- **Measured FMA-loop peak**: not measured (${m.measuredPeakProblem ?? 'smoke run'})`,
    ...(wasmModuleLine(doc) === null ? [] : [wasmModuleLine(doc)!]),
    `- **Load average** (1, 5, 15 min) at start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(', ')}, at end ${m.loadAverageAtEnd.map((x) => x.toFixed(2)).join(', ')}: this is a shared machine; other jobs make the numbers, the all-thread ones most, noisy (±20–30%). Compare ratios within this run.`,
    `- **Date**: ${doc.date}; the whole run took ${(doc.durationSec / 60).toFixed(1)} min (\`${doc.command}\`)`,
  ].join('\n');
}

function systemsSection(doc: ResultsDocument): string {
  const rows = doc.systems.map((s) => [
    s.id,
    s.label,
    String(s.threads),
    s.dtypes.join(', '),
    s.status,
    s.status === 'ok' ? `${s.version ?? ''} ${JSON.stringify(s.details ?? {})}` : (s.reason ?? ''),
  ]);
  return table(['id', 'system', 'threads', 'dtypes', 'status', 'version / details'], rows);
}

function recurrentSection(doc: ResultsDocument): string {
  const out: string[] = [];
  for (const shape of [...RECURRENT_SHAPES].reverse()) {
    const ids = doc.measurements.filter((m) => m.item.kind === 'recurrent' && m.item.shape === shape.name);
    if (ids.length === 0) continue;
    out.push(`### ${describeShape(ids[0].item)}`);
    const rows: string[][] = [];
    for (const cell of CELLS) {
      for (const work of WORKS) {
        for (const dtype of DTYPES) {
          const id = recurrentId(cell, work, shape.name, dtype);
          if (!doc.measurements.some((m) => m.item.id === id)) continue;
          rows.push([`${cell} ${work === 'forward' ? 'fwd' : 'fwd+bwd'}`, dtype, ...doc.systems.map((s) => systemCell(doc, s, id))]);
        }
      }
    }
    out.push(table(['work', 'dtype', ...doc.systems.map((s) => s.id)], rows));
  }
  return out.join('\n\n');
}

function gemmSection(doc: ResultsDocument): string {
  const rows: string[][] = [];
  for (const dtype of DTYPES) {
    for (const s of GEMM_SHAPES) {
      const id = gemmId(s.name, dtype);
      if (!doc.measurements.some((m) => m.item.id === id)) continue;
      const peak = doc.machine.peakPerCore?.[dtype];
      rows.push([
        `${s.name} (${s.M}, ${s.K}, ${s.N})`,
        dtype,
        ...doc.systems.map((sys) => {
          if (sys.status === 'missing') return 'missing';
          const m = find(doc, sys.id, id);
          if (!m) return '–';
          if (m.status !== 'ok' || m.gflops === undefined) return m.status;
          const pct = peak ? ` (${((100 * m.gflops) / (peak * sys.threads)).toFixed(0)}%)` : '';
          return `${fmtGflops(m.gflops)}${pct}`;
        }),
      ]);
    }
  }
  return table(['M, K, N', 'dtype', ...doc.systems.map((s) => s.id)], rows);
}

function allLines(doc: ResultsDocument): string {
  const rows = doc.measurements.map((m: Measurement) => [
    m.system,
    workLabel(m.item),
    describeShape(m.item),
    m.item.dtype,
    String(m.threads),
    m.status === 'ok' && m.medianMs !== undefined ? fmtTime(m.medianMs) : m.status,
    m.bestMs !== undefined ? fmtTime(m.bestMs) : '',
    m.n !== undefined ? `${m.n}${m.inner && m.inner > 1 ? `×${m.inner}` : ''}` : '',
    m.gflops !== undefined ? fmtGflops(m.gflops) : '',
    m.gflops !== undefined && m.item.kind !== 'gemm' && doc.machine.measuredPeak ? fmaPercent(m.gflops, doc.machine.measuredPeak[m.item.dtype], m.threads) : '',
    m.vsNative1t !== undefined ? fmtRatio(m.vsNative1t) : '',
    m.note ?? '',
  ]);
  return table(['system', 'work', 'shape', 'dtype', 'threads', 'median', 'best', 'N', 'GFLOP/s', '% FMA loop', 'vs native-1t', 'note'], rows);
}

/** `analysis`: hand-written Markdown (packages/bench/ANALYSIS.md) on why targets were missed, placed after the targets. */
export function renderMarkdown(doc: ResultsDocument, chartPath: string, analysis: string | null = null): string {
  const targets = judgeTargets(doc);
  const caps = { cap: String(doc.timing.capSec), hard: String(doc.timing.hardCapSec) };
  return [
    '# recur benchmark results',
    '',
    'Generated by `npm run bench` (packages/bench): recur and the peers a user would otherwise pick, on the same work, side by side in one run. Each item is timed N times after a warm-up call (N adapts so the whole bench stays around ten minutes). The summary tables, GFLOP/s and ratios use the ' + doc.ratioBasis + ' of the N times' + (doc.ratioBasis === 'best' ? ' (on a shared machine other jobs only ever add time, so the fastest call is the least disturbed)' : '') + '; every line below gives both median and best. `×` is that time divided by recur native (1 thread)\'s time on the same work, so above 1× native is faster. GFLOP/s counts the nominal GEMM FLOPs only (recurrent forward 2·T·B·(X+H)·G·H, forward+backward three times that). A system not installed here is reported as missing; a call over ' + caps.cap + ' s is timed once, cold (said in the note); `timeout` means one call ran over the ' + caps.hard + ' s hard cap and was killed, or was not started because its time predicted by FLOPs from a smaller shape of the same system is over three times that cap; `big-T10` is the big shape at T=10, run so the slow systems have a big-shape number at all. Items run one after another; within an item every system prepares it and makes its warm-up call, then the systems take turns sample by sample (one sample of each system per round), so load drifting on a shared machine hits all systems of an item alike and does not decide their ratios; `% FMA loop` is a recurrent line\'s GFLOP/s over the measured one-core FMA-loop peak times its threads; the all-thread variants run f32 only, to keep the whole bench near ten minutes.',
    '',
    '## Machine',
    '',
    machineSection(doc),
    '',
    '## Systems',
    '',
    systemsSection(doc),
    '',
    '## Targets',
    '',
    'The targets of issues 5 and 14, then the WebAssembly ones of issue 13 (recur wasm against TF.js wasm, onnxruntime-web and recur ts at X256 H512 B64 T10), judged from this run (big shape, f32, one thread unless said). Issue 14\'s seed-API items run lstmForward / lstmBackward of @recur/core on (n, m, T) arrays with the softmax head (NumPy: python/numpy_seed.py, the same work with the optimized LSTM); `native-base` is their baseline: the bare Backend.recurrentForward (/ recurrentBackward) call on time-major, packed inputs for the seed items, and layer.forward(x[1, B, X], { h0, c0 }) with the state carried for the stream items, which native-1t runs as layer.stream().step; ONNX Runtime runs the stream step as a one-node LSTM model with T = 1 and fed initial states.',
    '',
    table(['target', 'status', 'measured'], targets.map((t) => [t.target, t.status === 'met' ? '**met**' : t.status === 'missed' ? '**missed**' : t.status, t.measured])),
    '',
    ...(analysis ? [analysis.trim(), ''] : []),
    `![GFLOP/s of each system, log scale](${chartPath})`,
    '',
    `## Recurrent layers: ${doc.ratioBasis} time of N (× vs recur native 1 thread)`,
    '',
    'recur: whole-sequence kernels (Backend.recurrentForward / recurrentBackward), GRU reset-after. NumPy: one input-projection GEMM for all T, stacked gates, one recurrent GEMM per step, hand-written backward with weight gradients as GEMMs over all T (python/numpy_rnn.py, checked by finite differences in python/check_numpy_rnn.py). PyTorch: nn.LSTM / nn.GRU / nn.RNN, forward under no_grad. TF.js: tf.layers.lstm / gru (reset-before, the only form TF.js has) / simpleRNN with glorotUniform init, gradients by tf.variableGrads; f32 only. ONNX Runtime (onnxruntime-node, CPU execution provider, intra-op threads 1 or all, inter-op 1, sequential): one ONNX LSTM / GRU (linear_before_reset=1, i.e. reset-after) / RNN (Tanh) node returning all hidden states, weights as initializers (as in a saved model), session.run on pre-created tensors into a pre-allocated Y; the same inputs and weights as recur\'s (checked against recur ts in test/ort-oracle.test.ts); forward only (inference has no backward pass); a dtype its CPU kernel refuses is unsupported, with ORT\'s message (1.30 runs LSTM, GRU and RNN in float32 only).',
    '',
    recurrentSection(doc),
    '',
    '## GEMM: GFLOP/s (% of the peak of the threads used)',
    '',
    'C = A(M×K)·B(K×N), no transposes: recur through Backend.gemm, NumPy `matmul(out=)`, PyTorch `matmul(out=)`, TF.js `tf.matMul`, ONNX Runtime one MatMul node (A and B fed at run time). The percentage is of the theoretical peak at the nominal clock (see Machine for the measured FMA-loop peak).',
    '',
    gemmSection(doc),
    '',
    '## Every line',
    '',
    '<details><summary>system, work, shape, dtype, threads, median and best of N, GFLOP/s, ratio</summary>',
    '',
    allLines(doc),
    '',
    '</details>',
    '',
  ].join('\n');
}
