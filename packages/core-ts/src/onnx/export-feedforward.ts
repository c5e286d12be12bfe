/** Dense as Gemm (2-D input) or MatMul + Add (more axes); Embedding as Gather over its table. */
import type { Dense } from '../layers/dense.ts';
import type { Embedding } from '../layers/embedding.ts';
import type { Value } from './export-recurrent.ts';
import type { GraphBuilder } from './graph-builder.ts';
import type { OnnxElementType } from './onnx-model.ts';

export function exportDense(g: GraphBuilder, dense: Dense, x: Value, type: OnnxElementType, base: string): Value {
  const W = g.constant(`${base}_W`, type, [dense.inputSize, dense.outputSize], dense.params.w.data);
  const b = g.constant(`${base}_b`, type, [dense.outputSize], dense.params.b.data);
  const dims = [...x.dims.slice(0, -1), dense.outputSize];
  if (x.dims.length === 2) return { name: g.op('Gemm', [x.name, W, b], base), dims };
  return { name: g.op('Add', [g.op('MatMul', [x.name, W], `${base}_xW`), b], base), dims };
}

/** ids (int64, any shape) -> vectors [...ids, embeddingSize]. */
export function exportEmbedding(g: GraphBuilder, emb: Embedding, ids: Value, type: OnnxElementType, base: string): Value {
  const table = g.constant(`${base}_table`, type, [emb.numEmbeddings, emb.embeddingSize], emb.params.table.data);
  return { name: g.op('Gather', [table, ids.name], base, [{ name: 'axis', int: 0 }]), dims: [...ids.dims, emb.embeddingSize] };
}
