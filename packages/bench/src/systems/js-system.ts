/** What a system running inside a Node worker provides (recur ts/native, TF.js cpu/wasm). */
import type { Item } from '../plan.js';

/** One call of the prepared work; it must leave its results computed (not queued). */
export type Runner = () => void;

export interface JsSystem {
  version: string;
  details: Record<string, unknown>;
  /** Allocates inputs and weights for `item` (freeing the previous item's). */
  prepare(item: Item): Runner | { unsupported: string };
  /** Drops what prepare allocated (workers sit idle while the other systems run). */
  release(): void;
}

export type Loaded = JsSystem | { missing: string };
