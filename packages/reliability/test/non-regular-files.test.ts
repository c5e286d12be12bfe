// Non-regular files (FIFO, directory, /dev/zero, symlinks to them) given to every file-reading
// entry point of @recur/node-io and @recur/cli, in a child process: each is refused at once
// with a TypeError / RangeError (the CLI: exit 1, one line) naming the path, and nothing on
// disk changes. A FIFO used to block the process forever, /dev/zero to fill its memory.
import { expect, it } from 'vitest';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface Result {
  calls: number;
  rejected: number;
  kinds: number;
  violations: { entry: string; kind: string; problem: string }[];
}

it.skipIf(process.platform === 'win32')('non-regular files: every file-reading entry point refuses them without blocking', () => {
  const run = runChild<Result>('non-regular-files.mjs', [], { timeoutMs: 60_000 });
  expect(run.failure, run.stderr.slice(-2000)).toBeNull();
  const r = run.result!;
  expect(r.violations).toEqual([]);
  expect(r.kinds).toBe(6);
  // 4 library/CLI entries x 6 kinds, 2 CLI commands x 6 checkpoint kinds, and a bare FIFO checkpoint.
  expect(r.calls).toBe(4 * 6 + 2 * 6 + 1);
  expect(r.rejected).toBe(r.calls);
  tally('non-regular files (child process)', { scope: 'process', cases: r.calls, calls: r.calls, rejected: r.rejected });
});
