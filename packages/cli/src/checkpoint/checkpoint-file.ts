/** The run directory's files: checkpoint.safetensors (atomic), and the loss plot beside it. */
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { atomicWriteFile, readBoundedFile } from '@recur/node-io';
import { CliError } from '../cli-error.js';
import type { CharLM } from '@recur/core';
import { decodeCheckpoint, encodeCheckpoint, CorruptCheckpointError, type Checkpoint } from './checkpoint-codec.js';
import type { RunInfo } from './run-info.js';

export const CHECKPOINT_FILE = 'checkpoint.safetensors';
/** Checkpoints above this are refused before reading (a 4096x16 LSTM with Adam is ~6 GB; ours are far smaller). */
const MAX_CHECKPOINT_BYTES = 4 * 1024 * 1024 * 1024;

export function checkpointPath(dir: string): string {
  return join(dir, CHECKPOINT_FILE);
}

export async function hasCheckpoint(dir: string): Promise<boolean> {
  try {
    await stat(checkpointPath(dir));
    return true;
  } catch {
    return false;
  }
}

/** Reads and verifies DIR/checkpoint.safetensors; every failure is a one-line CliError. */
export async function readCheckpoint(dir: string, flag: string): Promise<Checkpoint> {
  const path = checkpointPath(dir);
  let bytes: Uint8Array;
  try {
    // A FIFO or device in its place is refused before reading (reading a FIFO would wait forever).
    bytes = await readBoundedFile(path, MAX_CHECKPOINT_BYTES, (_reason, detail) => new CliError(`${flag} ${dir}: cannot read ${path}: it ${detail}`));
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${flag} ${dir}: no checkpoint there (${path} does not exist)`);
    throw new CliError(`${flag} ${dir}: cannot read ${path} (${(err as Error).message})`);
  }
  try {
    return decodeCheckpoint(bytes);
  } catch (err) {
    if (err instanceof CorruptCheckpointError) throw new CliError(`${flag} ${dir}: ${path} is corrupt: ${err.message}`);
    throw err;
  }
}

/** Writes the checkpoint atomically: a crash or a full disk leaves the previous one intact. */
export async function writeCheckpoint(dir: string, model: CharLM, run: RunInfo, losses: Float64Array): Promise<void> {
  const path = checkpointPath(dir);
  try {
    await atomicWriteFile(path, encodeCheckpoint(model, run, losses));
  } catch (err) {
    throw new CliError(`cannot write the checkpoint ${path} (${(err as Error).message}); the previous checkpoint, if any, is unchanged`);
  }
}
