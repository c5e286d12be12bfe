// @recur/cli as a library: run the CLI in-process, read a run's checkpoint, draw samples.
export { main } from './main.js';
export type { CliIO } from './io.js';
export { CliError, UsageError } from './cli-error.js';
export { readCheckpoint, checkpointPath, CHECKPOINT_FILE } from './checkpoint/checkpoint-file.js';
export { encodeCheckpoint, decodeCheckpoint, CorruptCheckpointError } from './checkpoint/checkpoint-codec.js';
export type { Checkpoint } from './checkpoint/checkpoint-codec.js';
export type { RunInfo, DataSource } from './checkpoint/run-info.js';
export { Vocab, BOUNDARY } from './data/vocab.js';
export { generate } from './generate.js';
export type { GenerateOptions } from './generate.js';
