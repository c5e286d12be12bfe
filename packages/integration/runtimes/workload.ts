/**
 * What every runtime runs on the wasm backend: initWasm(source), the notebook's test cells,
 * the short training loops of browser/tiny-training.ts and one LSTM forward pass. It
 * imports only '@recur/core' and '@recur/wasm' at run time (src/workload-bundle.ts bundles
 * the rest into one file, @recur/testkit's checks included), so each
 * runtime resolves the two packages its own way: Node, Deno and Bun from an npm project's
 * node_modules, Chromium by URL through an import map, workerd from its bundle.
 */
import * as core from '@recur/core';
import { initWasm, wasmInfo } from '@recur/wasm';
import { runNotebookChecks } from '@recur/testkit/seed/notebook-checks';
import { trainTiny, type TrainingTrace } from '../browser/tiny-training.ts';

export interface NotebookCellResult {
  id: string;
  pass: boolean;
  checks: number;
  error?: string;
}

export interface WorkloadReport {
  backend: string;
  info: unknown;
  notebook: NotebookCellResult[];
  training: TrainingTrace;
  /** Output and final states of a 2-layer LSTM on fixed random input (float64). */
  lstm: { output: number[]; hN: number[]; cN: number[] };
}

function lstmForward(): WorkloadReport['lstm'] {
  const rs = new core.RandomState(7);
  const lstm = new core.LSTM({ inputSize: 5, hiddenSize: 6, numLayers: 2, seed: 4 });
  const r = lstm.forward(rs.randn(4, 3, 5));
  return { output: Array.from(r.output.data), hN: Array.from(r.hN.data), cN: Array.from(r.cN!.data) };
}

/** `source` as initWasm takes it (omitted: the package's own recur.wasm); `backend` 'ts' gives the reference. */
export async function runWorkload(source?: Parameters<typeof initWasm>[0], backend: 'wasm' | 'ts' = 'wasm'): Promise<WorkloadReport> {
  if (backend === 'wasm') {
    const init = await initWasm(source);
    if (!init.available) throw new Error(`initWasm() failed: ${init.reason}`);
  }
  const previous = core.getBackend();
  core.setBackend(backend);
  try {
    const notebook = runNotebookChecks().map((r) => ({ id: r.cell.id, pass: r.pass, checks: r.checks.length, error: r.error }));
    return { backend: core.getBackend().name, info: backend === 'wasm' ? wasmInfo() : null, notebook, training: trainTiny(core), lstm: lstmForward() };
  } finally {
    core.setBackend(previous);
  }
}
