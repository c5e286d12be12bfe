import type { FloatArray } from '../tensor.ts';

/** What one (layer, direction) forward pass keeps for its backward pass. */
export interface DirectionTape {
  /** The input this direction ran over, in its own time order (reversed for `_reverse`). */
  readonly x: FloatArray;
  readonly h0: FloatArray;
  readonly c0: FloatArray | null;
  readonly hs: FloatArray;
  readonly cs: FloatArray | null;
  readonly gates: FloatArray;
}

/** Opaque record of a recurrent forward pass; pass it back to the same layer's backward(). */
export interface RecurrentContext {
  readonly owner: object;
  readonly T: number;
  readonly B: number;
  readonly lengths: Int32Array | null;
  /** Indexed by slot: layer * dirs + direction. */
  readonly tapes: readonly DirectionTape[];
  /** Training-mode dropout masks on the outputs of layers 0..numLayers-2 (empty otherwise). */
  readonly dropoutMasks: readonly FloatArray[];
}
