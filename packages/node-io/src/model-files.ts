/** Whole recur models on disk: core's saveModelBytes/loadModelBytes plus atomic, size-checked file I/O. */
import { loadModelBytes, saveModelBytes } from '@recur/core';
import type { LoadModelOptions, SavableModel, SaveModelOptions } from '@recur/core';
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

/** Reads a model saved by saveModel. Errors keep their class and name the file. */
export async function loadModel(path: string, options: LoadModelFileOptions = {}): Promise<SavableModel> {
  const bytes = await readBoundedFile(path, options.maxBytes);
  try {
    return loadModelBytes(bytes, options);
  } catch (err) {
    throw withPath(path, err);
  }
}
