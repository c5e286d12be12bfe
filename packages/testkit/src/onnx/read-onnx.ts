/**
 * A minimal protobuf reader for the ONNX models toOnnx writes, independent of the writer: it
 * decodes the wire format field by field, so tests can check the structure of the bytes.
 */

interface Field {
  field: number;
  wire: number;
  /** varint value (wire 0), or the payload (wire 2 / 5). */
  int?: bigint;
  bytes?: Uint8Array;
}

function readVarint(b: Uint8Array, at: { i: number }): bigint {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    if (at.i >= b.length) throw new RangeError('truncated varint');
    const byte = b[at.i++];
    v |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return v;
    shift += 7n;
  }
}

export function readFields(b: Uint8Array): Field[] {
  const out: Field[] = [];
  const at = { i: 0 };
  while (at.i < b.length) {
    const key = Number(readVarint(b, at));
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ field, wire, int: readVarint(b, at) });
    else if (wire === 2) {
      const n = Number(readVarint(b, at));
      if (at.i + n > b.length) throw new RangeError(`field ${field}: length ${n} runs past the end`);
      out.push({ field, wire, bytes: b.subarray(at.i, at.i + n) });
      at.i += n;
    } else if (wire === 5) {
      out.push({ field, wire, bytes: b.subarray(at.i, at.i + 4) });
      at.i += 4;
    } else if (wire === 1) {
      out.push({ field, wire, bytes: b.subarray(at.i, at.i + 8) });
      at.i += 8;
    } else throw new RangeError(`unsupported wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
const ints = (f: Field[], n: number) => f.filter((x) => x.field === n).map((x) => Number(BigInt.asIntN(64, x.int!)));
const strs = (f: Field[], n: number) => f.filter((x) => x.field === n).map((x) => text(x.bytes));
const subs = (f: Field[], n: number) => f.filter((x) => x.field === n).map((x) => readFields(x.bytes!));

function packedInts(f: Field[], n: number): number[] {
  const out: number[] = [];
  for (const x of f.filter((y) => y.field === n)) {
    if (x.wire === 0) out.push(Number(BigInt.asIntN(64, x.int!)));
    else {
      const at = { i: 0 };
      while (at.i < x.bytes!.length) out.push(Number(BigInt.asIntN(64, readVarint(x.bytes!, at))));
    }
  }
  return out;
}

export interface ReadAttribute { name: string; type: number; i?: number; f?: number; s?: string; ints?: number[]; floats?: number[]; strings?: string[] }
export interface ReadNode { name: string; opType: string; inputs: string[]; outputs: string[]; attributes: ReadAttribute[] }
export interface ReadValueInfo { name: string; elemType: number | undefined; dims: (number | string)[] | undefined }
export interface ReadTensor { name: string; dims: number[]; dataType: number; rawBytes: number }
export interface ReadModel {
  irVersion: number;
  producer: string;
  opsets: { domain: string; version: number }[];
  graph: { name: string; nodes: ReadNode[]; initializers: ReadTensor[]; inputs: ReadValueInfo[]; outputs: ReadValueInfo[] };
}

function attribute(f: Field[]): ReadAttribute {
  const a: ReadAttribute = { name: strs(f, 1)[0], type: ints(f, 20)[0] };
  if (f.some((x) => x.field === 3)) a.i = ints(f, 3)[0];
  const fl = f.find((x) => x.field === 2);
  if (fl) a.f = new DataView(fl.bytes!.buffer, fl.bytes!.byteOffset, 4).getFloat32(0, true);
  if (f.some((x) => x.field === 4)) a.s = strs(f, 4)[0];
  if (f.some((x) => x.field === 8)) a.ints = packedInts(f, 8);
  const fls = f.filter((x) => x.field === 7);
  if (fls.length) {
    a.floats = [];
    for (const x of fls) for (let i = 0; i < x.bytes!.length; i += 4) a.floats.push(new DataView(x.bytes!.buffer, x.bytes!.byteOffset + i, 4).getFloat32(0, true));
  }
  if (f.some((x) => x.field === 9)) a.strings = strs(f, 9);
  return a;
}

function valueInfo(f: Field[]): ReadValueInfo {
  const type = subs(f, 2)[0];
  const tensor = type ? subs(type, 1)[0] : undefined;
  const shape = tensor ? subs(tensor, 2)[0] : undefined;
  const dims = shape?.length === undefined ? undefined : subs(shape, 1).map((d) => (d.some((x) => x.field === 2) ? strs(d, 2)[0] : ints(d, 1)[0]));
  return { name: strs(f, 1)[0], elemType: tensor ? ints(tensor, 1)[0] : undefined, dims };
}

export function readOnnx(bytes: Uint8Array): ReadModel {
  const m = readFields(bytes);
  const g = subs(m, 7)[0];
  if (!g) throw new RangeError('no graph');
  return {
    irVersion: ints(m, 1)[0],
    producer: strs(m, 2)[0],
    opsets: subs(m, 8).map((o) => ({ domain: strs(o, 1)[0] ?? '', version: ints(o, 2)[0] })),
    graph: {
      name: strs(g, 2)[0],
      nodes: subs(g, 1).map((n) => ({ name: strs(n, 3)[0], opType: strs(n, 4)[0], inputs: strs(n, 1), outputs: strs(n, 2), attributes: subs(n, 5).map(attribute) })),
      initializers: subs(g, 5).map((t) => ({ name: strs(t, 8)[0], dims: packedInts(t, 1), dataType: ints(t, 2)[0], rawBytes: t.find((x) => x.field === 9)?.bytes?.length ?? 0 })),
      inputs: subs(g, 11).map(valueInfo),
      outputs: subs(g, 12).map(valueInfo),
    },
  };
}

const ELEM_BYTES: Record<number, number> = { 1: 4, 6: 4, 7: 8, 11: 8 };

/**
 * The structural rules of a valid ONNX graph that toOnnx must keep; returns the problems
 * found (empty when valid): a default-domain opset is declared; graph inputs and outputs are
 * typed with a shape; initializers hold their dims' worth of bytes; every node input is a
 * graph input, an initializer or an earlier node's output (nodes in topological order);
 * every name is assigned once; every graph output is produced; node names are unique.
 */
export function onnxStructureProblems(m: ReadModel): string[] {
  const problems: string[] = [];
  if (!m.opsets.some((o) => o.domain === '' && o.version > 0)) problems.push('no default-domain opset declared');
  if (!(m.irVersion > 0)) problems.push('no IR version');
  const defined = new Set<string>();
  const define = (name: string, what: string) => {
    if (defined.has(name)) problems.push(`${what} '${name}' is assigned twice`);
    defined.add(name);
  };
  for (const v of [...m.graph.inputs, ...m.graph.outputs]) {
    if (v.elemType === undefined || v.dims === undefined) problems.push(`graph value '${v.name}' has no element type or shape`);
  }
  for (const v of m.graph.inputs) define(v.name, 'graph input');
  for (const t of m.graph.initializers) {
    define(t.name, 'initializer');
    const want = t.dims.reduce((a, b) => a * b, 1) * (ELEM_BYTES[t.dataType] ?? NaN);
    if (t.rawBytes !== want) problems.push(`initializer '${t.name}' has ${t.rawBytes} bytes, dims (${t.dims.join(', ')}) need ${want}`);
  }
  const nodeNames = new Set<string>();
  for (const n of m.graph.nodes) {
    if (nodeNames.has(n.name)) problems.push(`node name '${n.name}' repeats`);
    nodeNames.add(n.name);
    for (const i of n.inputs) if (i !== '' && !defined.has(i)) problems.push(`node ${n.name} (${n.opType}) reads '${i}', which nothing before it defines`);
    for (const o of n.outputs) if (o !== '') define(o, `output of ${n.name}`);
  }
  for (const o of m.graph.outputs) if (!defined.has(o.name)) problems.push(`graph output '${o.name}' is never produced`);
  return problems;
}
