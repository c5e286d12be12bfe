/**
 * `recur train`: the main job. Trains a CharLM on lines of text, shows progress, prints
 * samples every K steps, checkpoints atomically, and ends with samples, the first and final
 * loss and where the plot is. Ctrl-C (the abort signal) stops after the current step and
 * saves, so `recur train --resume DIR` picks up exactly there.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTrainArgs, optimizerLabel } from '../args/train-args.js';
import { CliError } from '../cli-error.js';
import { checkpointPath } from '../checkpoint/checkpoint-file.js';
import { BatchOrder } from '../data/batch-order.js';
import { deriveSeed, STREAM_TRAINING_SAMPLES } from '../data/derive-seed.js';
import { makeBatch } from '../data/make-batch.js';
import { generate } from '../generate.js';
import type { CliIO } from '../io.js';
import { recurCommand } from '../invocation.js';
import { LossSmoother } from '../plot/smooth.js';
import { formatRate } from '../progress/format.js';
import { Progress } from '../progress/progress.js';
import { prepareRun, type PreparedRun } from './prepare-run.js';
import { LOSS_CSV, LOSS_SVG, writeRunFiles } from './run-files.js';

export interface TrainOptions {
  /** Aborting stops training after the current step and saves the checkpoint (exit code 130). */
  signal?: AbortSignal;
}

const TRAINING_SAMPLES = 8;
const FINAL_SAMPLES = 10;
const SAMPLE_TEMPERATURE = 0.8;
const SAMPLE_MAX_LENGTH = 64;
/** The end loss is averaged over this many final steps: one batch's loss is noisy. */
const END_WINDOW = 50;

function samplesAt(p: PreparedRun, step: number, n: number): string[] {
  return generate(p.model, p.vocab, {
    n,
    temperature: SAMPLE_TEMPERATURE,
    seed: deriveSeed(p.run.settings.seed, STREAM_TRAINING_SAMPLES, step),
    prefix: new Int32Array(0),
    maxLength: SAMPLE_MAX_LENGTH,
  });
}

/** "loss 4.01 -> 2.32" from the first step's loss and the mean of the last END_WINDOW steps. */
export function lossChange(losses: readonly number[]): { start: number; end: number; window: number } {
  const window = Math.min(END_WINDOW, losses.length);
  const tail = losses.slice(losses.length - window);
  return { start: losses[0], end: tail.reduce((a, b) => a + b, 0) / window, window };
}

function header(p: PreparedRun): string {
  const s = p.run.settings;
  const lines = [
    `recur train: ${s.cell.toUpperCase()} ${s.hidden}x${s.layers} (${s.dtype}) on ${p.dataLabel}: ${p.run.data.lines} lines, ${p.vocab.symbols.length} symbols`,
    `  batch ${s.batch}, seq-len ${s.seqLen}, ${optimizerLabel(s.optimizer)} lr ${s.lr}, seed ${s.seed}; backend ${p.backend.description}`,
    p.resumed ? `  resuming ${p.dir} at step ${p.run.step} of ${p.run.totalSteps}` : `  ${p.run.totalSteps} step${p.run.totalSteps === 1 ? '' : 's'}, writing to ${p.dir}`,
  ];
  if (p.resumed && p.run.backend !== p.backend.name) {
    lines.push(`  note: the run was trained on '${p.run.backend}' so far; continuing on '${p.backend.name}' gives close but not bit-identical weights`);
  }
  return lines.join('\n') + '\n';
}

export async function trainCommand(argv: readonly string[], io: CliIO, options: TrainOptions = {}): Promise<number> {
  const args = parseTrainArgs(argv, io.env);
  const p = await prepareRun(args);
  const { model, run, losses, dir } = p;
  const total = run.totalSteps;
  io.stdout(header(p));
  if (!p.resumed) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw new CliError(`--out ${dir}: cannot create the directory (${(err as Error).message})`);
    }
  }

  const order = new BatchOrder(run.settings.seed, p.encoded.length, run.settings.batch);
  const smoother = new LossSmoother();
  for (const l of losses) smoother.push(l);
  const progress = new Progress(io, run.step, total);
  const secondsBefore = run.trainSeconds;
  const sessionStartStep = run.step;
  const save = async (): Promise<void> => {
    run.trainSeconds = secondsBefore + progress.elapsedSeconds();
    run.backend = p.backend.name;
    await writeRunFiles(dir, model, run, losses, p.dataLabel);
  };

  let interrupted = false;
  try {
    for (let step = run.step; step < total; step++) {
      const r = model.step(makeBatch(p.encoded, order.indices(step), run.settings.seqLen));
      if (!Number.isFinite(r.loss) || !Number.isFinite(r.gradNorm)) {
        throw new CliError(`training diverged at step ${step + 1} (loss ${r.loss}, gradient norm ${r.gradNorm}); the last checkpoint in ${dir} is kept; try a lower --lr`);
      }
      losses.push(r.loss);
      run.step = step + 1;
      progress.update(run.step, r.loss, smoother.push(r.loss));
      const more = run.step < total;
      if (more && args.sampleEvery > 0 && run.step % args.sampleEvery === 0) {
        progress.print(`step ${run.step} samples: ${samplesAt(p, run.step, TRAINING_SAMPLES).join(', ')}\n`);
      }
      if (more && args.checkpointEvery > 0 && run.step % args.checkpointEvery === 0) await save();
      if (options.signal?.aborted) {
        interrupted = run.step < total;
        break;
      }
      // Yield to the event loop between steps so Ctrl-C is noticed.
      await new Promise<void>((res) => setImmediate(res));
    }
  } finally {
    progress.finish();
  }

  const ranSteps = run.step - sessionStartStep;
  if (ranSteps === 0 && p.resumed) {
    io.stdout(`the run in ${dir} is already at step ${run.step} of ${total}; nothing to do (raise --steps to train further)\n`);
    return 0;
  }
  await save();
  const seconds = progress.elapsedSeconds();
  if (interrupted) {
    io.stdout(`interrupted at step ${run.step} of ${total}; checkpoint saved. Continue with: ${recurCommand(io.env ?? {})} train --resume ${dir}\n`);
    return 130;
  }
  const change = lossChange(losses);
  const out = [
    `samples (temperature ${SAMPLE_TEMPERATURE}):`,
    ...samplesAt(p, run.step, FINAL_SAMPLES).map((s) => `  ${s}`),
    `loss ${change.start.toFixed(2)} -> ${change.end.toFixed(2)} (step 1 -> mean of the last ${change.window} steps of ${run.step}, nats per symbol)`,
    `trained ${ranSteps} steps in ${seconds.toFixed(1)} s (${formatRate(ranSteps / seconds)} steps/s) on ${p.backend.name}`,
    `plot:       ${join(dir, LOSS_SVG)} (data in ${join(dir, LOSS_CSV)})`,
    `checkpoint: ${checkpointPath(dir)}`,
    `more samples: ${recurCommand(io.env ?? {})} sample --from ${dir} --n 20`,
  ];
  io.stdout(out.join('\n') + '\n');
  return 0;
}
