/**
 * Reads a training file: UTF-8 text, one example per line. Blank lines are skipped and a
 * trailing '\r' (Windows line ends) is dropped; everything else is kept verbatim.
 */
import { createHash } from 'node:crypto';
import { readBoundedFile } from '@recur/node-io';
import { CliError } from '../cli-error.js';

/** Larger files are refused rather than read into memory whole. */
export const MAX_DATA_BYTES = 256 * 1024 * 1024;

export interface TextData {
  /** The file as the user named it (or the bundled file's path). */
  path: string;
  lines: string[];
  /** SHA-256 of the kept lines joined by '\n': a resumed run checks it trains on the same data. */
  sha256: string;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l.trim().length > 0);
}

export function linesDigest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}

/** `label` names the source in errors, e.g. "--data names.txt". */
export async function loadLines(path: string, label = `--data ${path}`): Promise<TextData> {
  let bytes: Uint8Array;
  try {
    // A FIFO, a device (/dev/zero) or an oversized file is refused before a byte is read.
    bytes = await readBoundedFile(path, MAX_DATA_BYTES, (reason, detail) =>
      new CliError(`${label}: ${detail}${reason === 'too-large' ? ' for training data (256 MiB)' : ''}`));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${label}: cannot read it (${describeFsError(err)})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${label}: is not UTF-8 text`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = splitLines(text);
  if (lines.length === 0) throw new CliError(`${label}: the file has no non-blank lines to train on`);
  return { path, lines, sha256: linesDigest(lines) };
}
