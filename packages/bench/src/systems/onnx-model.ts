/**
 * A one-node ONNX model (ModelProto) encoded by hand, so the bench needs no ONNX tooling.
 * Field numbers are those of onnx/onnx.proto. Tensors are float32 or float64, stored
 * little-endian in raw_data as ONNX requires.
 */
import type { Dtype } from '../plan.js';
import { bytesField, message, packedVarintsField, varintField } from './protobuf-writer.js';

/** The ONNX opset the models declare (LSTM/GRU/RNN 14 have the `layout` attribute). */
export const OPSET = 14;
/** IR version 7 goes with opset 14. */
const IR_VERSION = 7;

/** TensorProto.DataType */
const ELEM_TYPE: Record<Dtype, number> = { f32: 1, f64: 11 };
/** AttributeProto.AttributeType */
const ATTR_INT = 2;
const ATTR_STRINGS = 8;

export interface TensorValue {
  name: string;
  dims: readonly number[];
  dtype: Dtype;
  data: Float32Array | Float64Array;
}

export interface ValueInfo {
  name: string;
  dims: readonly number[];
  dtype: Dtype;
}

export type Attribute = { name: string; int: number } | { name: string; strings: readonly string[] };

export interface OneNodeModel {
  opType: string;
  /** Node inputs in operator order; '' for an omitted optional input. */
  nodeInputs: readonly string[];
  nodeOutputs: readonly string[];
  attributes: readonly Attribute[];
  /** Fed at run time. */
  inputs: readonly ValueInfo[];
  /** Constant weights, part of the model. */
  initializers: readonly TensorValue[];
  outputs: readonly ValueInfo[];
}

function littleEndianBytes(t: TensorValue): Uint8Array {
  const size = t.dtype === 'f32' ? 4 : 8;
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) throw new RangeError(`${t.name}: expected ${count} values for dims (${t.dims.join(', ')}), got ${t.data.length}`);
  const out = new Uint8Array(count * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    if (size === 4) view.setFloat32(4 * i, t.data[i], true);
    else view.setFloat64(8 * i, t.data[i], true);
  }
  return out;
}

function tensorProto(t: TensorValue): Uint8Array {
  // dims = 1, data_type = 2, name = 8, raw_data = 9
  return message(packedVarintsField(1, t.dims), varintField(2, ELEM_TYPE[t.dtype]), bytesField(8, t.name), bytesField(9, littleEndianBytes(t)));
}

function valueInfoProto(v: ValueInfo): Uint8Array {
  // TensorShapeProto.Dimension: dim_value = 1; TensorShapeProto: dim = 1
  const shape = message(...v.dims.map((d) => bytesField(1, varintField(1, d))));
  // TypeProto.Tensor: elem_type = 1, shape = 2; TypeProto: tensor_type = 1
  const type = bytesField(1, message(varintField(1, ELEM_TYPE[v.dtype]), bytesField(2, shape)));
  // ValueInfoProto: name = 1, type = 2
  return message(bytesField(1, v.name), bytesField(2, type));
}

function attributeProto(a: Attribute): Uint8Array {
  // name = 1, i = 3, strings = 9, type = 20
  if ('int' in a) return message(bytesField(1, a.name), varintField(3, a.int), varintField(20, ATTR_INT));
  return message(bytesField(1, a.name), ...a.strings.map((s) => bytesField(9, s)), varintField(20, ATTR_STRINGS));
}

export function encodeModel(m: OneNodeModel): Uint8Array {
  // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5
  const node = message(
    ...m.nodeInputs.map((n) => bytesField(1, n)),
    ...m.nodeOutputs.map((n) => bytesField(2, n)),
    bytesField(3, m.opType.toLowerCase()),
    bytesField(4, m.opType),
    ...m.attributes.map((a) => bytesField(5, attributeProto(a))),
  );
  // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12
  const graph = message(
    bytesField(1, node),
    bytesField(2, `recur-bench-${m.opType}`),
    ...m.initializers.map((t) => bytesField(5, tensorProto(t))),
    ...m.inputs.map((v) => bytesField(11, valueInfoProto(v))),
    ...m.outputs.map((v) => bytesField(12, valueInfoProto(v))),
  );
  // OperatorSetIdProto: domain = 1 ('' is the default ONNX domain), version = 2
  const opset = message(bytesField(1, ''), varintField(2, OPSET));
  // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8
  return message(varintField(1, IR_VERSION), bytesField(2, '@recur/bench'), bytesField(7, graph), bytesField(8, opset));
}
