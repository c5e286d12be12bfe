/**
 * Entry of a Node worker process: `node worker-main.js <ts|native|wasm|tfjs-cpu|tfjs-wasm|ort|ort-web> <threads>`.
 * Speaks the protocol of protocol.ts on stdin/stdout. One system per process, so the
 * native thread count (RECUR_NUM_THREADS, read once by the Rust side) and TF.js' global
 * backend are fixed per process. <threads> is the intra-op thread count of ONNX Runtime
 * (recur native reads RECUR_NUM_THREADS instead; the others run one thread).
 */
import { createInterface } from 'node:readline';
import { MARKER, type Reply, type Request } from '../protocol.js';
import type { Loaded, Runner } from './js-system.js';
import { loadOrt } from './ort.js';
import { loadOrtWeb } from './ort-web.js';
import { loadRecurNative, loadRecurTs } from './recur.js';
import { loadRecurWasm } from './recur-wasm.js';
import { loadTfjs } from './tfjs.js';

function send(reply: Reply): void {
  process.stdout.write(`${MARKER}${JSON.stringify(reply)}\n`);
}

async function load(name: string): Promise<Loaded> {
  switch (name) {
    case 'ts':
      return loadRecurTs();
    case 'native':
      return loadRecurNative();
    case 'native-base':
      return loadRecurNative(true);
    case 'wasm':
      return loadRecurWasm();
    case 'ort-web':
      return loadOrtWeb();
    case 'tfjs-cpu':
      return loadTfjs('cpu');
    case 'tfjs-wasm':
      return loadTfjs('wasm');
    case 'ort':
      return loadOrt(Number(process.argv[3] ?? '1'));
    default:
      return { missing: `unknown system '${name}'` };
  }
}

async function time(run: Runner, reps: number, inner: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < inner; k++) {
      // Awaited only when the runner is asynchronous: synchronous ones time as before.
      const pending = run();
      if (pending) await pending;
    }
    samples.push(Number(process.hrtime.bigint() - t0) / 1e9 / inner);
  }
  return samples;
}

async function main(): Promise<void> {
  let system: Loaded | null = null;
  let runner: Runner | null = null;
  const handle = async (req: Request): Promise<Reply | null> => {
    switch (req.op) {
      case 'hello':
        system = await load(process.argv[2] ?? '');
        return 'missing' in system ? { ok: false, missing: system.missing } : { ok: true, version: system.version, details: system.details };
      case 'prepare': {
        if (system === null || 'missing' in system) return { ok: false, error: 'hello first' };
        runner = null;
        const r = await system.prepare(req.item);
        if (typeof r === 'function') {
          runner = r;
          return { ok: true };
        }
        return { ok: false, unsupported: r.unsupported };
      }
      case 'time':
        if (runner === null) return { ok: false, error: 'prepare first' };
        return { ok: true, samples: await time(runner, req.reps, req.inner) };
      case 'release':
        runner = null;
        if (system !== null && !('missing' in system)) system.release();
        return { ok: true };
      case 'exit':
        process.exit(0);
    }
    return null;
  };
  // Requests are handled strictly one after another.
  let chain = Promise.resolve();
  const rl = createInterface({ input: process.stdin });
  // The orchestrator went away (stdin closed): nothing more will be asked.
  rl.on('close', () => process.exit(0));
  rl.on('line', (line) => {
    chain = chain.then(async () => {
      try {
        const reply = await handle(JSON.parse(line) as Request);
        if (reply) send(reply);
      } catch (e) {
        send({ ok: false, error: (e as Error).stack ?? String(e) });
      }
    });
  });
}

void main();
