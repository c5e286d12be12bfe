/**
 * An async call whose buffers JavaScript takes away while it runs: transferred
 * (structuredClone, postMessage) and then garbage-collected, or shrunk by
 * ArrayBuffer.prototype.resize(0). Each used to crash the process (SIGSEGV: the worker read
 * or wrote freed memory). Now the call must resolve with the results of its inputs as they
 * were when it was made (an input was taken) or reject naming the output it could not write,
 * writing nothing; and a following call must still compute the ts backend's numbers. Each
 * case runs in a child process (test/fixtures/async-buffer-attack.mjs) so a crash fails the
 * test instead of killing vitest.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipNative } from './native-under-test.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/async-buffer-attack.mjs', import.meta.url));

type Kernel = 'forward' | 'backward' | 'gemm';
type Attack = 'clone' | 'post' | 'resize' | 'keep';
const FUNC: Record<Kernel, string> = { forward: 'recurrentForwardAsync', backward: 'recurrentBackwardAsync', gemm: 'gemmAsync' };
const OUTPUTS: Record<Kernel, readonly string[]> = { forward: ['hs', 'cs', 'gates'], backward: ['dx', 'dh0', 'dc0', 'dwx', 'dwh', 'dbx'], gemm: ['c'] };

const cases: [Kernel, string, Attack][] = [];
for (const attack of ['clone', 'post', 'resize', 'keep'] as const) {
  for (const arg of ['x', 'hs', 'gates']) cases.push(['forward', arg, attack]);
}
cases.push(['backward', 'x', 'clone'], ['backward', 'hs', 'post'], ['backward', 'dhs', 'resize']);
cases.push(['backward', 'dx', 'clone'], ['backward', 'dwh', 'post'], ['backward', 'dwx', 'resize']);
cases.push(['gemm', 'a', 'resize'], ['gemm', 'c', 'clone'], ['gemm', 'c', 'post'], ['gemm', 'c', 'resize']);

interface Report {
  status: 'resolved' | 'rejected';
  name?: string;
  message?: string;
  outputs: Record<string, boolean>;
  keptIntact: boolean | null;
  afterwards: number;
}

describe.skipIf(skipNative)('async calls survive buffers transferred or resized while they run', () => {
  for (const [kernel, arg, attack] of cases) {
    const isOutput = OUTPUTS[kernel].includes(arg);
    it(`${FUNC[kernel]}: ${arg} ${attack === 'resize' ? 'resized to 0' : attack === 'post' ? 'transferred by postMessage' : 'transferred by structuredClone'}${attack === 'keep' ? ' (kept)' : ', then GC'} -> ${isOutput ? 'rejects, writes nothing' : 'resolves with the original inputs'}`, () => {
      const r = spawnSync(process.execPath, ['--expose-gc', script, kernel, arg, attack], {
        cwd: pkgDir,
        encoding: 'utf8',
        env: { ...process.env, RECUR_REQUIRE_NATIVE: '1' },
        timeout: 60_000,
      });
      expect(r.signal, `child died: ${r.stderr}`).toBeNull();
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as Report;
      if (isOutput) {
        expect(report.status).toBe('rejected');
        expect(report.name).toBe('Error');
        expect(report.message).toMatch(new RegExp(`^${FUNC[kernel]}: output ${arg} was detached, transferred or resized while the call ran, so no result was written`));
      } else {
        expect(report.status, report.message).toBe('resolved');
      }
      // Every other output: the results (resolved) or exactly what it held before (rejected).
      for (const [name, ok] of Object.entries(report.outputs)) expect(ok, name).toBe(true);
      // The memory handed to the new owner was never written by the call.
      if (attack === 'keep') expect(report.keptIntact).toBe(true);
      expect(report.afterwards).toBeLessThanOrEqual(1e-12);
    });
  }
});
