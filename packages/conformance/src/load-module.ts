/**
 * A third-party backend for `npm run conformance -- --backend ./path/to/module.js`: the
 * module's default export, its export named `backend`, or its only export that looks like a
 * Backend (an object with a name and the four kernels). May also be a promise of one.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { Backend } from '@recur/core';

const KERNELS = ['gemm', 'softmaxRows', 'recurrentForward', 'recurrentBackward'] as const;

function looksLikeBackend(v: unknown): v is Backend {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return typeof b.name === 'string' && KERNELS.every((k) => typeof b[k] === 'function');
}

/** `spec` is a path (relative to `cwd`) or a file URL. Throws with a message saying what the module exports. */
export async function loadBackendModule(spec: string, cwd: string): Promise<Backend> {
  const url = spec.startsWith('file:') ? spec : pathToFileURL(isAbsolute(spec) ? spec : resolve(cwd, spec)).href;
  const mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  for (const key of ['default', 'backend']) {
    const v = await mod[key];
    if (looksLikeBackend(v)) return v;
  }
  const candidates = Object.values(mod).filter(looksLikeBackend);
  if (candidates.length === 1) return candidates[0];
  throw new TypeError(
    `${spec}: expected a Backend (an object with name, ${KERNELS.join(', ')}) as the default export, ` +
      `an export named 'backend', or a single such export; it exports ${Object.keys(mod).join(', ') || 'nothing'}` +
      (candidates.length > 1 ? ` (${candidates.length} backends: name one as 'backend')` : ''),
  );
}
