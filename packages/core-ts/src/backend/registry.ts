import type { Backend } from './types.ts';
import { tsBackend } from './ts/index.ts';

const backends = new Map<string, Backend>([[tsBackend.name, tsBackend]]);
let current: Backend = tsBackend;

const REQUIRED: readonly (keyof Backend)[] = ['gemm', 'transpose', 'softmaxRows', 'recurrentForward', 'recurrentBackward'];

function checkBackend(backend: unknown): Backend {
  if (typeof backend !== 'object' || backend === null) {
    throw new TypeError(`backend must be an object implementing Backend, got ${String(backend)}`);
  }
  const b = backend as Backend;
  if (typeof b.name !== 'string' || b.name.length === 0) {
    throw new TypeError('backend.name must be a non-empty string');
  }
  for (const key of REQUIRED) {
    if (typeof b[key] !== 'function') throw new TypeError(`backend '${b.name}' is missing the kernel ${String(key)}()`);
  }
  return b;
}

/** Adds (or replaces) a backend under its name. Does not make it current. */
export function registerBackend(backend: Backend): void {
  const b = checkBackend(backend);
  backends.set(b.name, b);
}

/** Makes a registered backend (by name) or a Backend object current, and returns it. */
export function setBackend(nameOrBackend: string | Backend): Backend {
  if (typeof nameOrBackend === 'string') {
    const b = backends.get(nameOrBackend);
    if (!b) {
      throw new RangeError(`setBackend: no backend named '${nameOrBackend}' is registered (registered: ${listBackends().join(', ')})`);
    }
    current = b;
  } else {
    current = checkBackend(nameOrBackend);
    backends.set(current.name, current);
  }
  return current;
}

/** The backend the seed API and the layers currently run on. */
export function getBackend(): Backend {
  return current;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/** The registered backend called `name`, or undefined. */
export function findBackend(name: string): Backend | undefined {
  return backends.get(name);
}
