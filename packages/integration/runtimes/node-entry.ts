// Node, Deno and Bun entry: the workload on the package's own recur.wasm, one JSON line out.
// `ts` as the first argument runs the same on the ts backend (the reference).
import { runWorkload } from './workload.ts';

const args = (globalThis as { process?: { argv: string[] } }).process?.argv ?? (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? [];
console.log(JSON.stringify(await runWorkload(undefined, args.includes('ts') ? 'ts' : 'wasm')));
