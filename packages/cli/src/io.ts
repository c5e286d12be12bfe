import type { Env } from './invocation.js';

/** Where the CLI writes: the real process streams, or string buffers in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: draw the live progress bar instead of log lines. */
  isTTY: boolean;
  /** Terminal width for the progress bar. */
  columns: number;
  /** Milliseconds, for steps/s and ETA (performance.now in the real CLI). */
  now: () => number;
  /** The environment (npm's INIT_CWD, npm_lifecycle_event, ...); absent: none. */
  env?: Env;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
    now: () => performance.now(),
    env: process.env,
  };
}
