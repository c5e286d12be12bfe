/**
 * Everything `recur train` checks before it writes a byte: the checkpoint to resume (or that
 * --out holds no run unless --overwrite), the data file (same SHA-256 as the run's when
 * resuming), the backend. Errors here leave every file as it was.
 */
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { CharLM } from '@recur/core';
import { charLMOptions } from '../args/model-options.js';
import type { TrainArgs } from '../args/train-args.js';
import { selectBackend, type SelectedBackend } from '../backend/select-backend.js';
import { readCheckpoint, hasCheckpoint, checkpointPath } from '../checkpoint/checkpoint-file.js';
import type { DataSource, RunInfo } from '../checkpoint/run-info.js';
import { CliError } from '../cli-error.js';
import { BUNDLED_LABEL, bundledNamesPath } from '../data/bundled-names.js';
import { loadLines, type TextData } from '../data/load-lines.js';
import { Vocab } from '../data/vocab.js';

export interface PreparedRun {
  dir: string;
  model: CharLM;
  run: RunInfo;
  losses: number[];
  vocab: Vocab;
  encoded: Int32Array[];
  backend: SelectedBackend;
  /** What the data is, for messages and the plot title. */
  dataLabel: string;
  resumed: boolean;
}

async function loadSource(args: TrainArgs, saved: DataSource | null): Promise<{ data: TextData; source: DataSource; label: string }> {
  if (args.data !== undefined) {
    const data = await loadLines(args.data);
    return { data, source: { source: 'file', path: resolve(args.data), sha256: data.sha256, lines: data.lines.length }, label: args.data };
  }
  if (saved === null || saved.source === 'bundled') {
    const data = await loadLines(bundledNamesPath(), `the ${BUNDLED_LABEL} list`);
    return { data, source: { source: 'bundled', path: '', sha256: data.sha256, lines: data.lines.length }, label: BUNDLED_LABEL };
  }
  const data = await loadLines(saved.path, `the run's data file ${saved.path} (pass --data if it moved)`);
  return { data, source: { ...saved }, label: saved.path };
}

export async function prepareRun(args: TrainArgs): Promise<PreparedRun> {
  const dir = args.out;
  if (args.resume !== undefined) {
    const ckpt = await readCheckpoint(args.resume, '--resume');
    const { data, source, label } = await loadSource(args, ckpt.run.data);
    if (data.sha256 !== ckpt.run.data.sha256) {
      throw new CliError(`${args.data !== undefined ? `--data ${args.data}` : label}: these are not the lines the run in ${dir} was trained on (SHA-256 ${data.sha256.slice(0, 12)}... vs ${ckpt.run.data.sha256.slice(0, 12)}...); a resumed run must see the same data`);
    }
    const totalSteps = args.steps ?? ckpt.run.totalSteps;
    if (totalSteps < ckpt.run.step) throw new CliError(`--steps ${totalSteps} is below the ${ckpt.run.step} steps the run in ${dir} has already done (--steps is the run's total)`);
    const vocab = new Vocab(ckpt.run.vocab);
    const encoded = data.lines.map((l, i) => vocab.encode(l, `${label} line ${i + 1}`));
    const backend = await selectBackend(args.backend);
    const run: RunInfo = { ...ckpt.run, totalSteps, data: source };
    return { dir, model: ckpt.model, run, losses: Array.from(ckpt.losses), vocab, encoded, backend, dataLabel: label, resumed: true };
  }

  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new CliError(`--out ${dir}: exists and is not a directory`);
  if (!args.overwrite && (await hasCheckpoint(dir))) {
    throw new CliError(`--out ${dir}: already holds a run (${checkpointPath(dir)}); continue it with --resume ${dir}, replace it with --overwrite, or pick another --out`);
  }
  const { data, source, label } = await loadSource(args, null);
  const vocab = Vocab.fromLines(data.lines);
  const encoded = data.lines.map((l, i) => vocab.encode(l, `${label} line ${i + 1}`));
  const backend = await selectBackend(args.backend);
  let model: CharLM;
  try {
    model = new CharLM(charLMOptions(vocab.size, args.model));
  } catch (err) {
    throw new CliError(`cannot build the model: ${(err as Error).message}`);
  }
  const run: RunInfo = {
    step: 0,
    totalSteps: args.steps!,
    settings: { ...args.model },
    data: source,
    vocab: [...vocab.symbols],
    backend: backend.name,
    trainSeconds: 0,
  };
  return { dir, model, run, losses: [], vocab, encoded, backend, dataLabel: label, resumed: false };
}
