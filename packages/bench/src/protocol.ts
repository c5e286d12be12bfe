/**
 * The line protocol between the orchestrator and a system's worker process (Node or
 * Python). Requests are JSON lines on the worker's stdin; replies are JSON lines on its
 * stdout prefixed by MARKER, so whatever else a library prints there (TF.js greets on
 * stdout) cannot be mistaken for a reply. python/worker.py speaks the same protocol.
 *
 *   {"op":"hello"}                    -> {"ok":true,"version":"...","details":{...}}
 *                                      | {"ok":false,"missing":"why"}
 *   {"op":"prepare","item":Item}      -> {"ok":true} | {"ok":false,"unsupported":"why"}
 *   {"op":"time","reps":r,"inner":k}  -> {"ok":true,"samples":[seconds per call, r of them]}
 *   {"op":"release"}                  -> {"ok":true}  (drops the prepared item's memory)
 *   {"op":"exit"}                     -> (process exits)
 * Any failure: {"ok":false,"error":"message"}.
 */
import type { Item } from './plan.js';

export const MARKER = '@@recur-bench ';

export type Request =
  | { op: 'hello' }
  | { op: 'prepare'; item: Item }
  | { op: 'time'; reps: number; inner: number }
  | { op: 'release' }
  | { op: 'exit' };

export interface Reply {
  ok: boolean;
  version?: string;
  details?: Record<string, unknown>;
  missing?: string;
  unsupported?: string;
  samples?: number[];
  error?: string;
}
