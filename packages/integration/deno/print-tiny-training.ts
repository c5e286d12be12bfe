// Deno entry of the cross-runtime comparison: @recur/core from its TypeScript source, the
// shared training run, one JSON line on stdout. Needs no permissions.
import * as core from '../../core-ts/src/index.ts';
import { trainTiny } from '../browser/tiny-training.ts';

console.log(JSON.stringify(trainTiny(core)));
