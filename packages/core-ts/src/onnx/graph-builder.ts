/** Collects the nodes and constants of a graph under unique names while the exporters walk a model. */
import type { OnnxAttribute, OnnxElementType, OnnxNode, OnnxTensor } from './onnx-model.ts';

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  constructor(readonly opset: number) {}

  /** `base`, or `base_2`, `base_3`, ... when taken. */
  name(base: string): string {
    let n = base;
    for (let i = 2; this.used.has(n); i++) n = `${base}_${i}`;
    this.used.add(n);
    return n;
  }

  /** Adds a constant tensor and returns its (unique) name. */
  constant(base: string, type: OnnxElementType, dims: readonly number[], data: ArrayLike<number>): string {
    const name = this.name(base);
    this.initializers.push({ name, type, dims, data });
    return name;
  }

  /** Adds a node with one output named after `base`; returns that name. */
  op(opType: string, inputs: readonly string[], base: string, attributes: readonly OnnxAttribute[] = []): string {
    const out = this.name(base);
    this.opMulti(opType, inputs, [out], attributes);
    return out;
  }

  opMulti(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly OnnxAttribute[] = []): void {
    this.nodes.push({ opType, inputs, outputs, name: this.name(`${opType}_${this.nodes.length}`), attributes });
  }

  transpose(x: string, perm: readonly number[], base: string): string {
    return this.op('Transpose', [x], base, [{ name: 'perm', ints: perm }]);
  }

  /** Reshape to `shape` (0 copies that input dim, -1 is inferred), as ONNX Reshape does. */
  reshape(x: string, shape: readonly number[], base: string): string {
    return this.op('Reshape', [x, this.constant(`${base}_shape`, 'int64', [shape.length], shape)], base);
  }

  /** Removes size-1 axes (the axes are an input from opset 13, an attribute before). */
  squeeze(x: string, axes: readonly number[], base: string): string {
    if (this.opset >= 13) return this.op('Squeeze', [x, this.constant(`${base}_axes`, 'int64', [axes.length], axes)], base);
    return this.op('Squeeze', [x], base, [{ name: 'axes', ints: axes }]);
  }

  /** Rows start..end-1 of axis 0 (Slice takes inputs from opset 10). */
  sliceAxis0(x: string, start: number, end: number, base: string): string {
    return this.op('Slice', [x, this.constant(`${base}_starts`, 'int64', [1], [start]), this.constant(`${base}_ends`, 'int64', [1], [end]), this.constant(`${base}_axes`, 'int64', [1], [0])], base);
  }
}
