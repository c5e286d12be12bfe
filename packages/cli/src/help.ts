/** Usage text for `recur --help` and `recur <command> --help`. */
import { describeFlags } from './args/parse-flags.js';
import { SAMPLE_FLAGS } from './args/sample-args.js';
import { TRAIN_FLAGS } from './args/train-args.js';

const PATHS = `Relative paths (--data, --out, --resume, --from) are resolved against the directory
you ran the command in; under 'npm run recur -- ...' that is npm's INIT_CWD, not the repo root.`;

export const MAIN_USAGE = `recur: train character-level language models with recurrent networks

Usage:
  recur train --out DIR [--data FILE] [options]   train (on the bundled names list without --data)
  recur train --resume DIR [--steps N]            continue a run to N total steps, bit-identically
  recur sample --from DIR [options]               print samples from a trained run

Run 'recur train --help' or 'recur sample --help' for the options.
`;

export const TRAIN_USAGE = `Usage: recur train --out DIR [--data FILE] [options]
       recur train --resume DIR [--steps N] [--backend B] [--sample-every K]

Trains a character-level language model on FILE, one example per line (blank lines are
skipped; lines longer than --seq-len are cut). DIR receives checkpoint.safetensors (written
atomically), loss.csv and loss.svg. Ctrl-C stops after the current step and saves.

Options:
${describeFlags(TRAIN_FLAGS)}

${PATHS}
`;

export const SAMPLE_USAGE = `Usage: recur sample --from DIR [options]

Prints samples, one per line, from the run saved in DIR.

Options:
${describeFlags(SAMPLE_FLAGS)}

${PATHS}
`;
