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
  charLMShapes,
  encodeSafetensors,
  formatShape,
  resolveCharLMConfig,
  type CharLMConfig,
  type CharLMState,
  type FloatArray,
} from '@recur/core';
import { charLMOptions } from '../args/model-options.js';
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
  return resign(run, { config: state.config, optimizer: { kind: state.optimizer.kind, step: state.optimizer.step } }, tensors);
}

/**
 * Encodes the parts of a checkpoint as they are, with their digest. encodeCheckpoint's last
 * step; tests use it to forge edited checkpoints the reader must still refuse.
 */
export function resign(run: unknown, modelMeta: unknown, tensors: Record<string, Tensor>): Uint8Array {
  const runJson = JSON.stringify(run);
  const modelJson = JSON.stringify(modelMeta);
  return encodeSafetensors(tensors, {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    run: runJson,
    model: modelJson,
    sha256: digest(runJson, modelJson, tensors),
  });
}

/** The stored config must be the one the settings imply, key by key (sizes come from the checked settings). */
function checkConfig(stored: unknown, expected: CharLMConfig): void {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw new RangeError('the model config is missing');
  const got = stored as Record<string, unknown>;
  const want = expected as unknown as Record<string, unknown>;
  for (const key of Object.keys(got)) if (!(key in want)) throw new RangeError(`the model config has '${key}', which recur does not write`);
  for (const key of Object.keys(want)) {
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key])) {
      throw new RangeError(`the model config's ${key} is ${JSON.stringify(got[key])} but run.settings imply ${JSON.stringify(want[key])}`);
    }
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Every weight the settings imply, with exactly that shape and dtype; nothing else under param/. */
function weights(tensors: Record<string, Tensor>, config: CharLMConfig): Record<string, FloatArray> {
  const shapes = charLMShapes(config);
  const params: Record<string, FloatArray> = {};
  for (const [name, shape] of shapes) {
    const t = tensors[`param/${name}`];
    if (t === undefined) throw new RangeError(`tensor 'param/${name}' of shape ${formatShape(shape)} is missing`);
    if (!sameShape(t.shape, shape)) throw new RangeError(`tensor 'param/${name}' has shape ${formatShape(t.shape)} but the settings imply ${formatShape(shape)}`);
    if (t.dtype !== config.dtype) throw new RangeError(`tensor 'param/${name}' is ${t.dtype} but the settings say ${config.dtype}`);
    params[name] = t.data;
  }
  for (const name of Object.keys(tensors)) {
    if (name.startsWith('param/') && !shapes.has(name.slice(6))) throw new RangeError(`tensor '${name}' is not a weight of the model the settings describe`);
  }
  return params;
}

/** The per-step mean cross-entropies: one finite number >= 0 per completed step. */
function checkLosses(losses: Tensor | undefined, steps: number): Float64Array {
  if (!losses || losses.dtype !== 'float64' || losses.ndim !== 1) throw new RangeError('run/losses is missing or not a float64 vector');
  if (losses.size !== steps) throw new RangeError(`it has ${losses.size} losses for ${steps} steps`);
  const d = losses.data as Float64Array;
  for (let i = 0; i < d.length; i++) {
    if (!(d[i] >= 0) || d[i] === Infinity) throw new RangeError(`run/losses[${i}] is ${d[i]}; a loss is a finite number >= 0`);
  }
  return d;
}

/**
 * Parses and verifies checkpoint bytes; any defect is a CorruptCheckpointError saying which.
 * The digest only catches accidents (anyone can recompute it), so every field is checked
 * too: the settings against their flags' ranges, the config and every weight's shape against
 * the settings (before anything is allocated), the optimizer state for completeness
 * (CharLM.fromState) and the losses for finiteness.
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  try {
    const file = decodeSafetensors(bytes);
    const m = file.metadata;
    if (m.format !== CHECKPOINT_FORMAT) throw new RangeError(`format is ${JSON.stringify(m.format)}, not '${CHECKPOINT_FORMAT}'`);
    if (m.version !== CHECKPOINT_VERSION) throw new RangeError(`version ${JSON.stringify(m.version)} is not supported (this recur reads ${CHECKPOINT_VERSION})`);
    if (typeof m.run !== 'string' || typeof m.model !== 'string') throw new RangeError('the run or model metadata is missing');
    if (digest(m.run, m.model, file.tensors) !== m.sha256) throw new RangeError('its SHA-256 does not match its contents (the file was damaged or edited)');
    const run = checkRunInfo(JSON.parse(m.run));
    const meta = (JSON.parse(m.model) ?? {}) as { config?: unknown; optimizer?: { kind?: unknown; step?: unknown } };
    const config = resolveCharLMConfig(charLMOptions(run.vocab.length + 1, run.settings));
    checkConfig(meta.config, config);
    if (meta.optimizer?.kind !== config.optimizer.kind) throw new RangeError(`the optimizer is ${JSON.stringify(meta.optimizer?.kind)} but run.settings imply '${config.optimizer.kind}'`);
    if (meta.optimizer.step !== run.step) throw new RangeError(`the optimizer has done ${JSON.stringify(meta.optimizer.step)} steps but the run says ${run.step}`);
    for (const name of Object.keys(file.tensors)) {
      if (!name.startsWith('param/') && !name.startsWith('optim/') && name !== 'run/losses') throw new RangeError(`unexpected tensor '${name}'`);
    }
    const params = weights(file.tensors, config);
    const losses = checkLosses(file.tensors['run/losses'], run.step);
    const slots: Record<string, FloatArray> = {};
    for (const [name, t] of Object.entries(file.tensors)) if (name.startsWith('optim/')) slots[name.slice(6)] = t.data;
    const state: CharLMState = {
      format: CHARLM_FORMAT,
      version: CHARLM_VERSION,
      config,
      params,
      optimizer: { kind: config.optimizer.kind, step: run.step, slots },
    };
    return { model: CharLM.fromState(state), run, losses };
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError) throw new CorruptCheckpointError(err.message);
    throw err;
  }
}
