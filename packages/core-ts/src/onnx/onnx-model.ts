/**
 * An ONNX model (ModelProto) encoded by hand: the graph's nodes, constant tensors
 * (initializers) and typed inputs and outputs. Field numbers are those of onnx.proto;
 * tensors are stored little-endian in raw_data as ONNX requires.
 */
import { bytesField, floatField, message, packedFloatsField, packedVarintsField, varintField } from './protobuf-writer.ts';

/** The element types recur writes. */
export type OnnxElementType = 'float32' | 'float64' | 'int32' | 'int64';

/** TensorProto.DataType */
const ELEM_TYPE: Record<OnnxElementType, number> = { float32: 1, int32: 6, int64: 7, float64: 11 };
const ELEM_SIZE: Record<OnnxElementType, number> = { float32: 4, int32: 4, int64: 8, float64: 8 };

/** A constant of the model. */
export interface OnnxTensor {
  name: string;
  type: OnnxElementType;
  dims: readonly number[];
  data: ArrayLike<number>;
}

/** A graph input or output: a name, an element type and a shape (a string is a symbolic dim). */
export interface OnnxValueInfo {
  name: string;
  type: OnnxElementType;
  dims: readonly (number | string)[];
}

export type OnnxAttribute =
  | { name: string; int: number }
  | { name: string; ints: readonly number[] }
  | { name: string; float: number }
  | { name: string; floats: readonly number[] }
  | { name: string; string: string }
  | { name: string; strings: readonly string[] };

export interface OnnxNode {
  opType: string;
  /** Node inputs in operator order; '' for an omitted optional input. */
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  attributes?: readonly OnnxAttribute[];
}

export interface OnnxGraph {
  name: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

export interface OnnxModelSpec {
  graph: OnnxGraph;
  /** Version of the default ('ai.onnx') operator set the graph uses. */
  opset: number;
  /** Default: the lowest IR version that goes with `opset`. */
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
}

/** The IR version that each opset was released with (onnx/docs/Versioning.md). */
export function irVersionFor(opset: number): number {
  if (opset <= 8) return 3;
  if (opset <= 10) return 5;
  if (opset <= 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}

function rawData(t: OnnxTensor): Uint8Array {
  const size = ELEM_SIZE[t.type];
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) throw new RangeError(`ONNX tensor ${t.name}: expected ${count} values for dims (${t.dims.join(', ')}), got ${t.data.length}`);
  const out = new Uint8Array(count * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const v = t.data[i];
    if (t.type === 'float32') view.setFloat32(4 * i, v, true);
    else if (t.type === 'float64') view.setFloat64(8 * i, v, true);
    else if (t.type === 'int32') view.setInt32(4 * i, v, true);
    else view.setBigInt64(8 * i, BigInt(v), true);
  }
  return out;
}

function tensorProto(t: OnnxTensor): Uint8Array {
  // dims = 1, data_type = 2, name = 8, raw_data = 9
  return message(packedVarintsField(1, t.dims), varintField(2, ELEM_TYPE[t.type]), bytesField(8, t.name), bytesField(9, rawData(t)));
}

function valueInfoProto(v: OnnxValueInfo): Uint8Array {
  // TensorShapeProto.Dimension: dim_value = 1, dim_param = 2; TensorShapeProto: dim = 1
  const shape = message(...v.dims.map((d) => bytesField(1, typeof d === 'string' ? bytesField(2, d) : varintField(1, d))));
  // TypeProto.Tensor: elem_type = 1, shape = 2; TypeProto: tensor_type = 1
  const type = bytesField(1, message(varintField(1, ELEM_TYPE[v.type]), bytesField(2, shape)));
  // ValueInfoProto: name = 1, type = 2
  return message(bytesField(1, v.name), bytesField(2, type));
}

/** AttributeProto.AttributeType */
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

function attributeProto(a: OnnxAttribute): Uint8Array {
  // name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, strings = 9, type = 20
  const name = bytesField(1, a.name);
  if ('int' in a) return message(name, varintField(3, a.int), varintField(20, ATTR.INT));
  if ('ints' in a) return message(name, packedVarintsField(8, a.ints), varintField(20, ATTR.INTS));
  if ('float' in a) return message(name, floatField(2, a.float), varintField(20, ATTR.FLOAT));
  if ('floats' in a) return message(name, packedFloatsField(7, a.floats), varintField(20, ATTR.FLOATS));
  if ('string' in a) return message(name, bytesField(4, a.string), varintField(20, ATTR.STRING));
  return message(name, ...a.strings.map((s) => bytesField(9, s)), varintField(20, ATTR.STRINGS));
}

function nodeProto(n: OnnxNode, index: number): Uint8Array {
  // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5
  return message(
    ...n.inputs.map((s) => bytesField(1, s)),
    ...n.outputs.map((s) => bytesField(2, s)),
    bytesField(3, n.name ?? `${n.opType}_${index}`),
    bytesField(4, n.opType),
    ...(n.attributes ?? []).map((a) => bytesField(5, attributeProto(a))),
  );
}

/** Encodes a model as the bytes of an .onnx file. */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
  const { graph, opset } = spec;
  if (!Number.isSafeInteger(opset) || opset < 1) throw new RangeError(`encodeOnnxModel: opset must be a positive integer, got ${String(opset)}`);
  // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12
  const g = message(
    ...graph.nodes.map((n, i) => bytesField(1, nodeProto(n, i))),
    bytesField(2, graph.name),
    ...graph.initializers.map((t) => bytesField(5, tensorProto(t))),
    ...graph.inputs.map((v) => bytesField(11, valueInfoProto(v))),
    ...graph.outputs.map((v) => bytesField(12, valueInfoProto(v))),
  );
  // OperatorSetIdProto: domain = 1 ('' is the default ONNX domain), version = 2
  const opsetId = message(bytesField(1, ''), varintField(2, opset));
  // ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8
  return message(
    varintField(1, spec.irVersion ?? irVersionFor(opset)),
    bytesField(2, spec.producerName ?? '@recur/core'),
    ...(spec.producerVersion ? [bytesField(3, spec.producerVersion)] : []),
    bytesField(7, g),
    bytesField(8, opsetId),
  );
}
