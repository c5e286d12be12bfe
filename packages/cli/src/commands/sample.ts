/** `recur sample`: prints lines drawn from a trained checkpoint, one per line. Writes nothing. */
import { parseSampleArgs } from '../args/sample-args.js';
import { selectBackend } from '../backend/select-backend.js';
import { readCheckpoint } from '../checkpoint/checkpoint-file.js';
import { Vocab } from '../data/vocab.js';
import { generate } from '../generate.js';
import type { CliIO } from '../io.js';

export async function sampleCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseSampleArgs(argv, io.env);
  const ckpt = await readCheckpoint(args.from, '--from');
  const vocab = new Vocab(ckpt.run.vocab);
  const prefix = vocab.encode(args.prefix, `--prefix ${JSON.stringify(args.prefix)}`);
  await selectBackend(args.backend);
  const samples = generate(ckpt.model, vocab, { n: args.n, temperature: args.temperature, seed: args.seed, prefix, maxLength: args.maxLength });
  io.stdout(samples.join('\n') + '\n');
  return 0;
}
