/**
 * Command dispatch. Returns the exit code: 0 on success, 2 for a bad command line, 1 for
 * other anticipated failures (reported as one line on stderr), 130 after an interrupt.
 */
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { sampleCommand } from './commands/sample.js';
import { trainCommand, type TrainOptions } from './commands/train.js';
import { MAIN_USAGE, SAMPLE_USAGE, TRAIN_USAGE } from './help.js';
import { processIO, type CliIO } from './io.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

export async function main(argv: readonly string[], io: CliIO = processIO(), options: TrainOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'train':
        if (wantsHelp(rest)) return (io.stdout(TRAIN_USAGE), 0);
        return await trainCommand(rest, io, options);
      case 'sample':
        if (wantsHelp(rest)) return (io.stdout(SAMPLE_USAGE), 0);
        return await sampleCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(MAIN_USAGE);
        return 0;
      case '--version':
        io.stdout(`${version()}\n`);
        return 0;
      case undefined:
        throw new CliError("missing command: use 'recur train' or 'recur sample' (see 'recur --help')", 2);
      default:
        throw new CliError(`unknown command ${JSON.stringify(command)}: use 'recur train' or 'recur sample' (see 'recur --help')`, 2);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`recur: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
