/**
 * An error the CLI reports as one line on stderr with a non-zero exit, without a stack:
 * bad flags, unreadable data, corrupt checkpoints. Anything else is a bug and keeps its stack.
 */
export class CliError extends Error {
  override name = 'CliError';
  /** 2 for usage errors (bad flags), 1 for everything else. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    // One line: a newline inside a file name or a nested message must not break the contract.
    super(message.replace(/\s*\n\s*/g, ' '));
    this.exitCode = exitCode;
  }
}

/** A bad command line: exit code 2, as most Unix tools use for usage errors. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, 2);
  }
}
