/**
 * The safetensors format (https://github.com/huggingface/safetensors), bytes in and bytes out:
 *
 *   [8 bytes: N, little-endian u64] [N bytes: UTF-8 JSON header] [data bytes]
 *
 * The header maps each tensor name to {dtype, shape, data_offsets: [begin, end]} (offsets
 * into the data bytes) plus an optional "__metadata__" map of string to string. Tensors are
 * row-major and little-endian. Files are untrusted input: decodeSafetensors checks the
 * header size, every offset, length, dtype and shape against the buffer, and rejects holes,
 * overlaps and trailing bytes, as the reference implementation does.
 */
import { Tensor, checkIntact, shapeSize } from '../tensor.ts';
import { formatShape } from '../errors.ts';
import { findDuplicateJsonKey } from './duplicate-json-key.ts';
import { halfToFloat, bfloat16ToFloat } from './half.ts';

/** Thrown for any malformed safetensors input. A RangeError, so callers can catch it as bad input. */
export class SafetensorsError extends RangeError {
  override name = 'SafetensorsError';
}

/** The reference implementation refuses headers above 100 MB. */
export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;

const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2 };
const METADATA_KEY = '__metadata__';

export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  /** The header's "__metadata__" entry ({} when absent). */
  metadata: Record<string, string>;
}

export interface DecodeOptions {
  /** Largest header accepted, in bytes (default 100 MB). */
  maxHeaderBytes?: number;
}

/** Serialises named tensors (float32 as F32, float64 as F64) and string metadata. */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null) throw new TypeError('encodeSafetensors: tensors must be an object of Tensors');
  const header: Record<string, unknown> = {};
  const meta = checkMetadata(metadata);
  if (Object.keys(meta).length > 0) header[METADATA_KEY] = meta;
  // Sorted names make the bytes independent of insertion order (reproducible files).
  const names = Object.keys(tensors).sort();
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    if (name === METADATA_KEY) throw new RangeError(`encodeSafetensors: '${METADATA_KEY}' is reserved and cannot name a tensor`);
    if (!(t instanceof Tensor)) throw new TypeError(`encodeSafetensors: tensors['${name}'] is not a Tensor`);
    checkIntact(`encodeSafetensors: tensors['${name}']`, t);
    const bytes = t.data.byteLength;
    header[name] = { dtype: t.dtype === 'float32' ? 'F32' : 'F64', shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const name of names) {
    writeLittleEndian(tensors[name], out, pos);
    pos += tensors[name].data.byteLength;
  }
  return out;
}

/** Parses and validates safetensors bytes. F16/BF16 are widened to float32. */
export function decodeSafetensors(bytes: Uint8Array, options: DecodeOptions = {}): SafetensorsFile {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('decodeSafetensors: bytes must be a Uint8Array');
  const maxHeader = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (bytes.length < 8) throw new SafetensorsError(`safetensors: file is ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen64 = view.getBigUint64(0, true);
  if (headerLen64 > BigInt(maxHeader)) {
    throw new SafetensorsError(`safetensors: header length ${headerLen64} exceeds the limit of ${maxHeader} bytes`);
  }
  const headerLen = Number(headerLen64);
  if (8 + headerLen > bytes.length) {
    throw new SafetensorsError(`safetensors: header length ${headerLen} runs past the end of the ${bytes.length}-byte file (truncated?)`);
  }
  const header = parseHeader(bytes.subarray(8, 8 + headerLen));
  const data = bytes.subarray(8 + headerLen);
  const metadata = parseMetadata(header[METADATA_KEY]);

  const entries = Object.keys(header)
    .filter((k) => k !== METADATA_KEY)
    .map((name) => parseEntry(name, header[name]));
  // Sorted by offset, each tensor must start where the previous ended: no holes, no overlaps.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected) {
      const what = e.begin < expected ? 'overlaps the previous tensor' : 'leaves a gap before it';
      throw new SafetensorsError(`safetensors: tensor '${e.name}' starts at byte ${e.begin}, which ${what} (expected ${expected})`);
    }
    expected = e.end;
  }
  if (expected !== data.length) {
    throw new SafetensorsError(`safetensors: tensors cover ${expected} data bytes but the file holds ${data.length} (truncated or trailing bytes)`);
  }
  const tensors: Record<string, Tensor> = {};
  for (const e of entries) tensors[e.name] = readTensor(e, data.subarray(e.begin, e.end));
  return { tensors, metadata };
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function parseHeader(raw: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new SafetensorsError('safetensors: header is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SafetensorsError(`safetensors: header is not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SafetensorsError('safetensors: header must be a JSON object');
  }
  const dup = findDuplicateJsonKey(text);
  if (dup !== null) {
    const where = dup.parent === '' ? '' : ` in ${JSON.stringify(dup.parent)}`;
    throw new SafetensorsError(`safetensors: header has the key ${JSON.stringify(dup.key)} twice${where} (JSON keeps only one; the file is ambiguous)`);
  }
  return parsed as Record<string, unknown>;
}

function parseMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new SafetensorsError('safetensors: __metadata__ must be an object of strings');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new SafetensorsError(`safetensors: __metadata__['${k}'] must be a string, got ${typeof v}`);
    out[k] = v;
  }
  return out;
}

function checkMetadata(metadata: Record<string, string>): Record<string, string> {
  if (typeof metadata !== 'object' || metadata === null) throw new TypeError('encodeSafetensors: metadata must be an object of strings');
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new TypeError(`encodeSafetensors: metadata['${k}'] must be a string, got ${typeof v}`);
  }
  return metadata;
}

function parseEntry(name: string, value: unknown): Entry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(`safetensors: header entry '${name}' must be an object`);
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') throw new SafetensorsError(`safetensors: tensor '${name}' has no dtype string`);
  const width = BYTES_PER_ELEMENT[dtype];
  if (width === undefined) {
    throw new SafetensorsError(`safetensors: tensor '${name}' has dtype ${dtype}; recur reads F64, F32, F16 and BF16`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(`safetensors: tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new SafetensorsError(`safetensors: tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as number[];
  if (end < begin) throw new SafetensorsError(`safetensors: tensor '${name}' has data_offsets [${begin}, ${end}] with end before begin`);
  const count = shapeSize(shape);
  if (!Number.isSafeInteger(count * width) || count * width !== end - begin) {
    throw new SafetensorsError(
      `safetensors: tensor '${name}' of shape ${formatShape(shape)} and dtype ${dtype} needs ${count * width} bytes but data_offsets span ${end - begin}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

function readTensor(e: Entry, raw: Uint8Array): Tensor {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = shapeSize(e.shape);
  if (e.dtype === 'F64') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
    return new Tensor(out, e.shape);
  }
  const out = new Float32Array(n);
  if (e.dtype === 'F32') for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  else if (e.dtype === 'F16') for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  else for (let i = 0; i < n; i++) out[i] = bfloat16ToFloat(view.getUint16(i * 2, true));
  return new Tensor(out, e.shape);
}

function writeLittleEndian(t: Tensor, out: Uint8Array, pos: number): void {
  const view = new DataView(out.buffer, out.byteOffset + pos, t.data.byteLength);
  if (t.dtype === 'float64') for (let i = 0; i < t.size; i++) view.setFloat64(i * 8, t.data[i], true);
  else for (let i = 0; i < t.size; i++) view.setFloat32(i * 4, t.data[i], true);
}
