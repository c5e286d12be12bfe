/**
 * One run = one safetensors file: the weights (`param/<name>`, with their shapes), the
 * optimizer slots (`optim/<slot>:<name>`), the per-step losses (`run/losses`, F64) and, as
 * JSON in the metadata, the model config and the RunInfo. A SHA-256 over all of it catches
 * bit rot that would still parse. One file means one atomic rename commits the whole run.
 */
import { createHash } from 'node:crypto';
import {
  CHARLM_FORMAT,
  CHARLM_VERSION,
  CharLM,
  Tensor,
  decodeSafetensors,
  encodeSafetensors,
  type CharLMConfig,
  type CharLMState,
  type FloatArray,
} from '@recur/core';
import { checkRunInfo, type RunInfo } from './run-info.js';

export const CHECKPOINT_FORMAT = 'recur.cli-run';
export const CHECKPOINT_VERSION = '1';

export interface Checkpoint {
  model: CharLM;
  run: RunInfo;
  /** Mean cross-entropy of each completed step's batch, in step order. */
  losses: Float64Array;
}

/** What is wrong with a checkpoint's bytes; callers add the file name. */
export class CorruptCheckpointError extends RangeError {
  override name = 'CorruptCheckpointError';
}

function digest(runJson: string, modelJson: string, tensors: Record<string, Tensor>): string {
  const h = createHash('sha256');
  h.update(`${CHECKPOINT_FORMAT}\0${runJson}\0${modelJson}\0`);
  for (const name of Object.keys(tensors).sort()) {
    const d = tensors[name].data;
    h.update(`${name}\0${tensors[name].dtype}\0${tensors[name].shape.join(',')}\0`);
    h.update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  }
  return h.digest('hex');
}

export function encodeCheckpoint(model: CharLM, run: RunInfo, losses: Float64Array): Uint8Array {
  if (losses.length !== run.step) throw new RangeError(`encodeCheckpoint: ${losses.length} losses for ${run.step} steps`);
  const state = model.state();
  const tensors: Record<string, Tensor> = {};
  for (const p of model.parameters()) tensors[`param/${p.name}`] = new Tensor(state.params[p.name], p.param.shape);
  for (const [key, data] of Object.entries(state.optimizer.slots)) tensors[`optim/${key}`] = new Tensor(data, [data.length]);
  tensors['run/losses'] = new Tensor(losses.slice(), [losses.length]);
  const runJson = JSON.stringify(run);
  const modelJson = JSON.stringify({ config: state.config, optimizer: { kind: state.optimizer.kind, step: state.optimizer.step } });
  return encodeSafetensors(tensors, {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    run: runJson,
    model: modelJson,
    sha256: digest(runJson, modelJson, tensors),
  });
}

function flat(t: Tensor): FloatArray {
  return t.data;
}

/** Parses and verifies checkpoint bytes; any defect is a CorruptCheckpointError saying which. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  try {
    const file = decodeSafetensors(bytes);
    const m = file.metadata;
    if (m.format !== CHECKPOINT_FORMAT) throw new RangeError(`format is ${JSON.stringify(m.format)}, not '${CHECKPOINT_FORMAT}'`);
    if (m.version !== CHECKPOINT_VERSION) throw new RangeError(`version ${JSON.stringify(m.version)} is not supported (this recur reads ${CHECKPOINT_VERSION})`);
    if (typeof m.run !== 'string' || typeof m.model !== 'string') throw new RangeError('the run or model metadata is missing');
    if (digest(m.run, m.model, file.tensors) !== m.sha256) throw new RangeError('its SHA-256 does not match its contents (the file was damaged or edited)');
    const run = checkRunInfo(JSON.parse(m.run));
    const meta = JSON.parse(m.model) as { config?: CharLMConfig; optimizer?: { kind?: string; step?: number } };
    const params: Record<string, FloatArray> = {};
    const slots: Record<string, FloatArray> = {};
    let losses: Tensor | undefined;
    for (const [name, t] of Object.entries(file.tensors)) {
      if (name.startsWith('param/')) params[name.slice(6)] = flat(t);
      else if (name.startsWith('optim/')) slots[name.slice(6)] = flat(t);
      else if (name === 'run/losses') losses = t;
      else throw new RangeError(`unexpected tensor '${name}'`);
    }
    if (!losses || losses.dtype !== 'float64' || losses.ndim !== 1) throw new RangeError('run/losses is missing or not a float64 vector');
    if (losses.size !== run.step) throw new RangeError(`it has ${losses.size} losses for ${run.step} steps`);
    const state: CharLMState = {
      format: CHARLM_FORMAT,
      version: CHARLM_VERSION,
      config: meta.config as CharLMConfig,
      params,
      optimizer: { kind: String(meta.optimizer?.kind), step: meta.optimizer?.step as number, slots },
    };
    const model = CharLM.fromState(state);
    if (model.steps !== run.step) throw new RangeError(`the optimizer has done ${model.steps} steps but the run says ${run.step}`);
    if (model.config.vocabSize !== run.vocab.length + 1) throw new RangeError(`the model has ${model.config.vocabSize} symbols but the vocabulary ${run.vocab.length + 1}`);
    return { model, run, losses: losses.data as Float64Array };
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError) throw new CorruptCheckpointError(err.message);
    throw err;
  }
}
