/**
 * Finding a Python for the NumPy and PyTorch peers. `python3` on PATH may be a pyenv
 * Python with NumPy but without Debian's python3-torch, so each module is looked for in
 * every candidate in turn. The peers run with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset
 * (they can pin OpenBLAS to a wrong kernel) and their thread count set through the env.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'python');
export const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3'];

export function pythonEnv(threads: number): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  for (const v of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[v] = String(threads);
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}

const found = new Map<string, { python: string } | { missing: string }>();

/** The first candidate that can import `module`, or why none can (asked once per module). */
export function findPython(module: string): { python: string } | { missing: string } {
  let r = found.get(module);
  if (!r) found.set(module, (r = searchPython(module)));
  return r;
}

function searchPython(module: string): { python: string } | { missing: string } {
  const tried: string[] = [];
  for (const python of PYTHON_CANDIDATES) {
    const r = spawnSync(python, ['-c', `import ${module}`], { env: pythonEnv(1), encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) return { python };
    const why = r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    tried.push(`${python}: ${why}`);
  }
  return { missing: `no Python can import ${module} (${tried.join('; ')})` };
}
