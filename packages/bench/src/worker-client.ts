/** Runs one system's worker process and exchanges protocol messages with it. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MARKER, type Reply, type Request } from './protocol.js';

export interface WorkerCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Every live worker, so an interrupted bench can stop them (see killAllWorkers). */
const live = new Set<ChildProcessWithoutNullStreams>();

export function killAllWorkers(): void {
  for (const child of live) child.kill('SIGKILL');
}

export class WorkerClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((r: Reply) => void)[] = [];
  private stderrTail = '';
  private exited: string | null = null;

  constructor(cmd: WorkerCommand, private readonly verbose: boolean) {
    this.child = spawn(cmd.command, cmd.args, { env: cmd.env, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this.child);
    this.child.on('exit', () => live.delete(this.child));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    this.child.stderr.on('data', (chunk: Buffer) => {
      // Keep the tail for error messages; libraries' warnings are noise otherwise.
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
      if (this.verbose) process.stderr.write(chunk);
    });
    // A killed worker's stdin fails with EPIPE; its exit is reported through 'exit'.
    this.child.stdin.on('error', () => {});
    this.child.on('error', (e) => this.fail(`could not start ${cmd.command}: ${e.message}`));
    this.child.on('exit', (code, signal) => this.fail(`worker exited (code ${code}, signal ${signal})${this.tail()}`));
  }

  private tail(): string {
    const t = this.stderrTail.trim();
    return t ? `: ${t.split('\n').slice(-3).join(' | ')}` : '';
  }

  private onLine(line: string): void {
    if (!line.startsWith(MARKER)) {
      if (this.verbose) process.stderr.write(`  [worker] ${line}\n`);
      return;
    }
    const resolve = this.waiting.shift();
    if (resolve) resolve(JSON.parse(line.slice(MARKER.length)) as Reply);
  }

  private fail(message: string): void {
    if (this.exited !== null) return;
    this.exited = message;
    for (const resolve of this.waiting.splice(0)) resolve({ ok: false, error: message });
  }

  /** False once the process has exited or was killed. */
  get alive(): boolean {
    return this.exited === null;
  }

  /**
   * Sends one request and waits for its reply. With `timeoutSec`, a reply that does not come
   * in time kills the worker (a call cannot be interrupted otherwise) and resolves with
   * `timedOut: true`; the caller starts a new worker.
   */
  request(req: Request, timeoutSec?: number): Promise<Reply & { timedOut?: boolean }> {
    if (this.exited !== null) return Promise.resolve({ ok: false, error: this.exited });
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      if (timeoutSec !== undefined) {
        timer = setTimeout(() => {
          resolve({ ok: false, timedOut: true, error: `no reply within ${timeoutSec} s` });
          this.fail(`killed after ${timeoutSec} s without a reply`);
          this.child.kill('SIGKILL');
        }, timeoutSec * 1000);
      }
      this.child.stdin.write(`${JSON.stringify(req)}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.exited !== null || this.child.exitCode !== null) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.write(`${JSON.stringify({ op: 'exit' })}\n`);
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}
