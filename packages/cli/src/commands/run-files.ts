/** Writes a run's files: the checkpoint first, then loss.csv and loss.svg, each atomically. */
import { optimizerLabel } from '../args/train-args.js';
import { join } from 'node:path';
import { atomicWriteFile } from '@recur/node-io';
import type { CharLM } from '@recur/core';
import { writeCheckpoint } from '../checkpoint/checkpoint-file.js';
import type { RunInfo } from '../checkpoint/run-info.js';
import { CliError } from '../cli-error.js';
import { lossCsv } from '../plot/loss-csv.js';
import { lossSvg } from '../plot/loss-svg.js';
import { smoothLosses } from '../plot/smooth.js';

export const LOSS_CSV = 'loss.csv';
export const LOSS_SVG = 'loss.svg';

function firstNonFinite(model: CharLM): string | null {
  for (const p of model.parameters()) {
    const d = p.param.data;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return `${p.name}[${i}] is ${d[i]}`;
  }
  return null;
}

export function plotTitle(run: RunInfo, dataLabel: string): { title: string; subtitle: string } {
  const s = run.settings;
  return {
    title: `recur: ${s.cell.toUpperCase()} ${s.hidden}x${s.layers} on ${dataLabel}`,
    subtitle: `${s.dtype}, batch ${s.batch}, seq-len ${s.seqLen}, ${optimizerLabel(s.optimizer)} lr ${s.lr}, seed ${s.seed}, ${run.step} steps`,
  };
}

export async function writeRunFiles(dir: string, model: CharLM, run: RunInfo, losses: readonly number[], dataLabel: string): Promise<void> {
  // A diverged model would be saved as a checkpoint that cannot be loaded: refuse, keep the last good one.
  const bad = firstNonFinite(model);
  if (bad !== null) throw new CliError(`training diverged by step ${run.step} (${bad}); the last checkpoint in ${dir} is kept; try a lower --lr`);
  const history = Float64Array.from(losses);
  await writeCheckpoint(dir, model, run, history);
  const smoothed = smoothLosses(history);
  const enc = new TextEncoder();
  try {
    await atomicWriteFile(join(dir, LOSS_CSV), enc.encode(lossCsv(history, smoothed)));
    await atomicWriteFile(join(dir, LOSS_SVG), enc.encode(lossSvg(history, smoothed, plotTitle(run, dataLabel))));
  } catch (err) {
    throw new CliError(`cannot write the loss plot in ${dir} (${(err as Error).message})`);
  }
}
