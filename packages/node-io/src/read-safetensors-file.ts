/**
 * Reads a safetensors file from disk as untrusted input: the size is checked on the open
 * handle before a single data byte is read (an oversized file is never loaded into memory),
 * the file must not change size while it is read, and the bytes then go through core's
 * validating decoder. Reading never writes anything.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeSafetensors, SafetensorsError } from '@recur/core';
import type { SafetensorsFile } from '@recur/core';
import { fileKind } from './file-kind.js';
import { withPath } from './with-path.js';

/** Default largest file accepted: 1 GiB. Models bigger than that must opt in with maxBytes. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

export interface ReadSafetensorsOptions {
  /** Largest file accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
  /** Largest JSON header accepted, in bytes (default core's 100 MB). */
  maxHeaderBytes?: number;
}

/** Why readBoundedFile refused a file: not a regular file, over the size limit, or changed size while read. */
export type RefusedFile = 'not-regular' | 'too-large' | 'changed';

/** Builds the error for a refused file from what is wrong, e.g. "is a FIFO (named pipe), not a regular file". */
export type RefuseFile = (reason: RefusedFile, detail: string, path: string) => Error;

const refuseSafetensors: RefuseFile = (reason, detail, path) =>
  new SafetensorsError(`safetensors: ${path} ${detail}${reason === 'too-large' ? ' (raise maxBytes to load it)' : ''}`);

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever; it does
// not change reads of regular files. O_NOCTTY: a terminal device never becomes ours.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The raw bytes of the regular file `path` (symlinks followed) of at most `maxBytes`, checked
 * before reading: a FIFO, device, socket or directory is refused without blocking, and so is
 * a file over the limit. `refuse` makes the error (default: a SafetensorsError).
 */
export async function readBoundedFile(path: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES, refuse: RefuseFile = refuseSafetensors): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`readSafetensorsFile: path must be a non-empty string, got ${String(path)}`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`readSafetensorsFile: maxBytes must be a non-negative integer, got ${maxBytes}`);
  const handle = await open(path, READ_FLAGS);
  try {
    // fstat on the open handle, not stat on the path: the file we check is the file we read.
    const info = await handle.stat();
    if (!info.isFile()) throw refuse('not-regular', `is ${fileKind(info)}, not a regular file`, path);
    if (info.size > maxBytes) throw refuse('too-large', `is ${info.size} bytes, over the limit of ${maxBytes} bytes`, path);
    const bytes = new Uint8Array(info.size);
    let pos = 0;
    while (pos < bytes.length) {
      const { bytesRead } = await handle.read(bytes, pos, bytes.length - pos, pos);
      if (bytesRead === 0) throw refuse('changed', `shrank while being read (${pos} of ${info.size} bytes)`, path);
      pos += bytesRead;
    }
    const probe = new Uint8Array(1);
    if ((await handle.read(probe, 0, 1, pos)).bytesRead !== 0) {
      throw refuse('changed', `grew while being read (more than ${info.size} bytes)`, path);
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads and validates a safetensors file (see DEFAULT_MAX_FILE_BYTES). */
export async function readSafetensorsFile(path: string, options: ReadSafetensorsOptions = {}): Promise<SafetensorsFile> {
  const bytes = await readBoundedFile(path, options.maxBytes);
  try {
    return decodeSafetensors(bytes, { maxHeaderBytes: options.maxHeaderBytes });
  } catch (err) {
    // Say which file was bad; keep the class (SafetensorsError is a RangeError).
    throw withPath(path, err);
  }
}
