/** Whole recur models on disk: core's saveModelBytes/loadModelBytes plus atomic, size-checked file I/O. */
import { loadModelBytes, saveModelBytes } from '@recur/core';
import type { LoadModelOptions, SavableModel, SavableModelClass, SaveModelOptions } from '@recur/core';
import { atomicWriteFile } from './atomic-write.js';
import { readBoundedFile } from './read-safetensors-file.js';
import { withPath } from './with-path.js';

/**
 * Writes `model` to `path` atomically: on any failure (serialisation refused, disk full,
 * permissions, crash) the previous file at `path` is left exactly as it was.
 */
export async function saveModel(path: string, model: SavableModel, options?: SaveModelOptions): Promise<void> {
  // Serialise first: a model that cannot be saved (e.g. NaN weights) never touches the disk.
  const bytes = saveModelBytes(model, options);
  await atomicWriteFile(path, bytes);
}

export interface LoadModelFileOptions extends LoadModelOptions {
  /** Largest file accepted, in bytes (default 1 GiB); checked before reading. */
  maxBytes?: number;
}

/**
 * Reads a model saved by saveModel. Errors keep their class and name the file.
 * `loadModel(path, Sequential)` resolves to a Sequential and rejects with a TypeError when the
 * file holds another architecture.
 */
export async function loadModel<M extends SavableModel>(path: string, expected: SavableModelClass<M>, options?: LoadModelFileOptions): Promise<M>;
export async function loadModel(path: string, options?: LoadModelFileOptions): Promise<SavableModel>;
export async function loadModel(path: string, a?: LoadModelFileOptions | SavableModelClass<SavableModel>, b?: LoadModelFileOptions): Promise<SavableModel> {
  const expected = typeof a === 'function' ? a : null;
  const options = (typeof a === 'function' ? b : a) ?? {};
  const bytes = await readBoundedFile(path, options.maxBytes);
  try {
    return expected ? loadModelBytes(bytes, expected, options) : loadModelBytes(bytes, options);
  } catch (err) {
    throw withPath(path, err);
  }
}
