/**
 * Just enough of the protobuf wire format to write an ONNX model by hand: varint fields
 * (wire type 0) and length-delimited fields (wire type 2: strings, bytes, nested messages,
 * packed varints). A message is the concatenation of its fields, in any order.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const utf8 = new TextEncoder();

/** A non-negative integer as a base-128 varint (exact up to 2^53, plenty for ONNX sizes). */
function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint: expected a non-negative safe integer, got ${value}`);
  const out: number[] = [];
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

/** A string (UTF-8), raw bytes, or an already encoded nested message. */
export function bytesField(field: number, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? utf8.encode(data) : data;
  return message(Uint8Array.from([...tag(field, LENGTH_DELIMITED), ...varint(body.length)]), body);
}

/** A repeated integer field in packed form (one length-delimited run of varints). */
export function packedVarintsField(field: number, values: readonly number[]): Uint8Array {
  return bytesField(field, Uint8Array.from(values.flatMap(varint)));
}
