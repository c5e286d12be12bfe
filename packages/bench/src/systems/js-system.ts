/** What a system running inside a Node worker provides (recur ts/native, TF.js cpu/wasm, ONNX Runtime). */
import type { Item } from '../plan.js';

/**
 * One call of the prepared work; it must leave its results computed (not queued). A system
 * whose API is asynchronous (ONNX Runtime's session.run) returns a promise, awaited in the
 * timed loop.
 */
export type Runner = () => void | Promise<void>;

export interface JsSystem {
  version: string;
  details: Record<string, unknown>;
  /** Allocates inputs and weights for `item` (freeing the previous item's). */
  prepare(item: Item): Runner | { unsupported: string } | Promise<Runner | { unsupported: string }>;
  /** Drops what prepare allocated (workers sit idle while the other systems run). */
  release(): void;
}

export type Loaded = JsSystem | { missing: string };
