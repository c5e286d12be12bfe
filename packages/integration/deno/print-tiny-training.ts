// Deno entry of the cross-runtime comparison: @recur/core by its package name (Deno resolves
// the workspace link in node_modules to core's deno.json export, its TypeScript source), the
// shared training run, one JSON line on stdout. Needs no permissions.
import * as core from '@recur/core';
import { trainTiny } from '../browser/tiny-training.ts';

console.log(JSON.stringify(trainTiny(core)));
