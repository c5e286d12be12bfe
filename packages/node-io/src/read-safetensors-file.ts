/**
 * Reads a safetensors file from disk as untrusted input: the size is checked on the open
 * handle before a single data byte is read (an oversized file is never loaded into memory),
 * the file must not change size while it is read, and the bytes then go through core's
 * validating decoder. Reading never writes anything.
 */
import { open } from 'node:fs/promises';
import { decodeSafetensors, SafetensorsError } from '@recur/core';
import type { SafetensorsFile } from '@recur/core';
import { withPath } from './with-path.js';

/** Default largest file accepted: 1 GiB. Models bigger than that must opt in with maxBytes. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

export interface ReadSafetensorsOptions {
  /** Largest file accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
  /** Largest JSON header accepted, in bytes (default core's 100 MB). */
  maxHeaderBytes?: number;
}

/** The raw bytes of a file of at most `maxBytes`, checked before reading. */
export async function readBoundedFile(path: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`readSafetensorsFile: path must be a non-empty string, got ${String(path)}`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`readSafetensorsFile: maxBytes must be a non-negative integer, got ${maxBytes}`);
  const handle = await open(path, 'r');
  try {
    // fstat on the open handle, not stat on the path: the file we check is the file we read.
    const info = await handle.stat();
    if (!info.isFile()) throw new SafetensorsError(`safetensors: ${path} is not a regular file`);
    if (info.size > maxBytes) {
      throw new SafetensorsError(`safetensors: ${path} is ${info.size} bytes, over the limit of ${maxBytes} bytes (raise maxBytes to load it)`);
    }
    const bytes = new Uint8Array(info.size);
    let pos = 0;
    while (pos < bytes.length) {
      const { bytesRead } = await handle.read(bytes, pos, bytes.length - pos, pos);
      if (bytesRead === 0) throw new SafetensorsError(`safetensors: ${path} shrank while being read (${pos} of ${info.size} bytes)`);
      pos += bytesRead;
    }
    const probe = new Uint8Array(1);
    if ((await handle.read(probe, 0, 1, pos)).bytesRead !== 0) {
      throw new SafetensorsError(`safetensors: ${path} grew while being read (more than ${info.size} bytes)`);
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
