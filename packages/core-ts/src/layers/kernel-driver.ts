/**
 * The recurrent stack passes are generators that yield each whole-sequence kernel call; a
 * driver runs them. The sync driver calls the backend's kernel directly; the async one
 * awaits the backend's async variant when it has one (native: off the event loop), and
 * otherwise runs the sync kernel on the calling thread (ts, wasm). One pass, two drivers.
 */
import type { Backend, RecurrentBackwardArgs, RecurrentForwardArgs } from '../backend/types.ts';

export type KernelCall = { kind: 'forward'; args: RecurrentForwardArgs } | { kind: 'backward'; args: RecurrentBackwardArgs };

export function runSync<R>(pass: Generator<KernelCall, R, void>, backend: Backend): R {
  for (let step = pass.next(); ; step = pass.next()) {
    if (step.done) return step.value;
    const c = step.value;
    if (c.kind === 'forward') backend.recurrentForward(c.args);
    else backend.recurrentBackward(c.args);
  }
}

export async function runAsync<R>(pass: Generator<KernelCall, R, void>, backend: Backend): Promise<R> {
  for (let step = pass.next(); ; step = pass.next()) {
    if (step.done) return step.value;
    const c = step.value;
    if (c.kind === 'forward') await (backend.recurrentForwardAsync ? backend.recurrentForwardAsync(c.args) : backend.recurrentForward(c.args));
    else await (backend.recurrentBackwardAsync ? backend.recurrentBackwardAsync(c.args) : backend.recurrentBackward(c.args));
  }
}
