/**
 * Just enough of the protobuf wire format to write an ONNX model by hand: varint fields
 * (wire type 0, including negative int64 as ten-byte two's complement), 32-bit fields
 * (wire type 5: float) and length-delimited fields (wire type 2: strings, bytes, nested
 * messages, packed repeated numbers). A message is the concatenation of its fields.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;
const utf8 = new TextEncoder();

/** An integer as a base-128 varint: exact for safe integers; negatives as int64 two's complement. */
function varint(value: number): number[] {
  if (!Number.isSafeInteger(value)) throw new RangeError(`varint: expected a safe integer, got ${value}`);
  const out: number[] = [];
  if (value < 0) {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return out;
  }
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function tag(field: number, wireType: number): number[] {
  return varint(field * 8 + wireType);
}

/** Concatenates fields into one message body. */
export function message(...fields: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of fields) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

export function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...tag(field, VARINT), ...varint(value)]);
}

/** A float field (wire type 5, little-endian IEEE-754 single). */
export function floatField(field: number, value: number): Uint8Array {
  const out = new Uint8Array([...tag(field, FIXED32), 0, 0, 0, 0]);
  new DataView(out.buffer).setFloat32(out.length - 4, value, true);
  return out;
}

/** A string (UTF-8), raw bytes, or an already encoded nested message. */
export function bytesField(field: number, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? utf8.encode(data) : data;
  return message(Uint8Array.from([...tag(field, LENGTH_DELIMITED), ...varint(body.length)]), body);
}

/** A repeated integer field in packed form (one length-delimited run of varints). */
export function packedVarintsField(field: number, values: readonly number[]): Uint8Array {
  return bytesField(field, Uint8Array.from(values.flatMap(varint)));
}

/** A repeated float field in packed form. */
export function packedFloatsField(field: number, values: readonly number[]): Uint8Array {
  const body = new Uint8Array(4 * values.length);
  const view = new DataView(body.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return bytesField(field, body);
}
