/** Runs one of src/children/*.mjs in a fresh node process and reads its JSON result line. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ChildRun<T> {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The last stdout line, parsed; undefined when the child printed none. */
  result: T | undefined;
  /** Why the run failed as a process (crash, signal, timeout), or null when it exited normally. */
  failure: string | null;
}

export function runChild<T>(
  script: string,
  args: readonly string[],
  options: { timeoutMs: number; nodeFlags?: readonly string[]; env?: Record<string, string> },
): ChildRun<T> {
  const file = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const r = spawnSync(process.execPath, [...(options.nodeFlags ?? []), file, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (r.stdout ?? '').trim().split('\n').filter(Boolean);
  let result: T | undefined;
  try {
    result = lines.length ? (JSON.parse(lines[lines.length - 1]) as T) : undefined;
  } catch {
    result = undefined;
  }
  let failure: string | null = null;
  if (r.error) failure = `${r.error.message}${(r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? ` (hung: no exit within ${options.timeoutMs} ms)` : ''}`;
  else if (r.signal) failure = `killed by ${r.signal} (a crash: abort or segfault)`;
  else if (r.status !== 0) failure = `exited with status ${r.status}`;
  return { status: r.status, signal: r.signal, stderr: r.stderr ?? '', result, failure };
}
