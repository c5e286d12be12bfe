#!/usr/bin/env node
import { main } from './main.js';
import { processIO } from './io.js';

// `recur sample | head` closes stdout early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const argv = process.argv.slice(2);
const controller = new AbortController();
if (argv[0] === 'train') {
  // First Ctrl-C: finish the step, save, exit 130. Second: quit at once (the last checkpoint stays).
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after this step and saving (Ctrl-C again to quit now)\n');
    controller.abort();
  });
}
process.exitCode = await main(argv, processIO(), { signal: controller.signal });
