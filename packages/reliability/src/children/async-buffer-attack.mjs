// Child process of test/async-buffer-attack.property.test.ts; run with --expose-gc.
//
//   node --expose-gc async-buffer-attack.mjs <runs> <seed>   [RECUR_ATTACKS=a,b narrows the attacks]
//
// The property class "buffers transferred or resized during async calls": fast-check draws
// an async native call (gemmAsync, recurrentForwardAsync / recurrentBackwardAsync for rnn /
// lstm / gru, float32 or float64, small to medium shapes), one of its arrays, what happens to
// that array's buffer while the call runs (transferred by structuredClone and dropped, or
// kept and overwritten; posted through a MessageChannel; a resizable buffer resized to 0, to
// half, or to 0 and back; the array overwritten with garbage) and when (at once, after a
// microtask, a macrotask or a few ms), with garbage collections and allocations meanwhile.
// The call must settle: resolve with exactly the results of a sync call on untouched copies
// of its inputs, or (only when the attacked array is an output) reject with an Error naming
// it and leave every other output as it was. A crash kills this process; the test then
// reports the case printed last on stderr. Prints one JSON line: counts per outcome.
import fc from 'fast-check';
import { KERNEL_SIGNATURES } from '@recur/core';
import { available, nativeBackend as nb, reason } from '@recur/native';

if (!available) {
  console.log(JSON.stringify({ unavailable: reason }));
  process.exit(0);
}
const [runs, seed] = process.argv.slice(2).map(Number);
const KERNELS = { gemm: 'gemm', forward: 'recurrentForward', backward: 'recurrentBackward' };
// RECUR_ATTACKS=resize-0,post narrows the attacks (to reproduce one kind).
const ATTACKS = process.env.RECUR_ATTACKS?.split(',') ?? ['clone-drop', 'clone-keep-write', 'post', 'resize-0', 'resize-half', 'resize-0-grow', 'overwrite'];
const WHEN = ['now', 'microtask', 'macrotask', 'ms'];

/** A typed array of `n` values; on a resizable buffer when `resizable`. */
function array(dtype, n, fill, resizable) {
  const C = dtype === 'f32' ? Float32Array : Float64Array;
  const a = resizable ? new C(new ArrayBuffer(n * C.BYTES_PER_ELEMENT, { maxByteLength: n * C.BYTES_PER_ELEMENT })) : new C(n);
  for (let i = 0; i < n; i++) a[i] = fill(i);
  return a;
}

/** Builds the call's arguments; `target` gets a resizable buffer when the attack resizes. */
function build(c) {
  const wave = (s, scale) => (i) => Math.sin(i * 0.37 + s) * scale;
  const arr = (name, n, s, scale = 0.5) => array(c.dtype, n, wave(s, scale), name === c.target && c.attack.startsWith('resize'));
  if (c.kernel === 'gemm') {
    const { m, n, k } = c;
    return { transA: false, transB: false, m, n, k, alpha: 1, a: arr('a', m * k, 1), lda: k, b: arr('b', k * n, 2), ldb: n, beta: 0.5, c: arr('c', m * n, 3), ldc: n };
  }
  const { cell, T, B, X, H } = c;
  const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
  const S = cell === 'rnn' ? 0 : 4 * H;
  const lstm = cell === 'lstm';
  const f = {
    cell, resetAfter: cell === 'gru', T, B, X, H, x: arr('x', T * B * X, 1), h0: arr('h0', B * H, 2), c0: lstm ? arr('c0', B * H, 3) : null,
    wx: arr('wx', X * G * H, 4, 0.2), wh: arr('wh', H * G * H, 5, 0.2), bx: arr('bx', G * H, 6), bh: null, lengths: null,
    hs: arr('hs', T * B * H, 0, 0), cs: lstm ? arr('cs', T * B * H, 0, 0) : null, gates: arr('gates', T * B * S, 0, 0),
  };
  if (c.kernel === 'forward') return f;
  nb.recurrentForward(f);
  return {
    ...f, dhs: arr('dhs', T * B * H, 7, 0.1), dhT: null, dcT: null, dx: arr('dx', T * B * X, 8), dh0: arr('dh0', B * H, 9),
    dc0: lstm ? arr('dc0', B * H, 10) : null, dwx: arr('dwx', X * G * H, 11), dwh: arr('dwh', H * G * H, 12), dbx: arr('dbx', G * H, 13), dbh: null,
  };
}

const copyOf = (args) => Object.fromEntries(Object.entries(args).map(([k, v]) => [k, ArrayBuffer.isView(v) ? v.slice() : v]));
const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function attack(c, victim) {
  const buffer = victim.buffer;
  switch (c.attack) {
    case 'clone-drop': structuredClone(buffer, { transfer: [buffer] }); return null;
    case 'clone-keep-write': { const kept = new Uint8Array(structuredClone(buffer, { transfer: [buffer] })); kept.fill(0x7f); return kept; }
    case 'post': {
      const { port1, port2 } = new MessageChannel();
      port2.onmessage = () => { port2.close(); setImmediate(() => globalThis.gc()); };
      port1.postMessage(buffer, [buffer]);
      port1.close();
      return null;
    }
    case 'resize-0': buffer.resize(0); return null;
    case 'resize-half': buffer.resize(Math.floor(buffer.byteLength / 2 / 8) * 8); return null;
    case 'resize-0-grow': { const n = buffer.byteLength; buffer.resize(0); buffer.resize(n); return null; }
    case 'overwrite': victim.fill(NaN); return null;
  }
}

const delay = { now: (f) => f(), microtask: (f) => queueMicrotask(f), macrotask: (f) => setImmediate(f), ms: (f) => setTimeout(f, 2) };
const counts = {};
const dims = fc.integer({ min: 0, max: 6 });
const medium = (lo, hi) => fc.integer({ min: lo, max: hi });
const caseArb = fc.oneof(
  fc.record({ kernel: fc.constant('gemm'), m: medium(1, 160), n: medium(1, 160), k: medium(1, 160) }),
  fc.record({
    kernel: fc.constantFrom('forward', 'backward'), cell: fc.constantFrom('rnn', 'lstm', 'gru'),
    T: fc.oneof(dims, medium(10, 60)), B: medium(1, 16), X: medium(1, 48), H: fc.oneof(dims, medium(16, 96)),
  }),
).chain((base) => {
  const sig = KERNEL_SIGNATURES[KERNELS[base.kernel]];
  const arrays = sig.filter((a) => a.kind === 'floats' && !a.optional).map((a) => a.name).filter((n) => base.kernel !== 'backward' || n !== 'bx');
  return fc.record({
    target: fc.constantFrom(...arrays), attack: fc.constantFrom(...ATTACKS), when: fc.constantFrom(...WHEN), dtype: fc.constantFrom('f32', 'f64'),
  }).map((extra) => ({ ...base, ...extra }));
});

await fc.assert(
  fc.asyncProperty(caseArb, async (c) => {
    process.stderr.write(`case ${JSON.stringify(c)}\n`);
    const func = KERNELS[c.kernel];
    const args = build(c);
    const expected = copyOf(args);
    nb[func](expected);
    const before = copyOf(args);
    const outputs = KERNEL_SIGNATURES[func].filter((a) => a.role === 'out' || a.role === 'inout').map((a) => a.name).filter((n) => args[n]);
    const victim = args[c.target];
    const pending = nb[`${func}Async`](args);
    let kept = null;
    delay[c.when](() => { kept = attack(c, victim); globalThis.gc(); });
    const churn = setInterval(() => { globalThis.gc(); new Float64Array(1 << 16).fill(1); }, 1);
    const outcome = await pending.then(() => null, (e) => e);
    clearInterval(churn);
    const isOutput = outputs.includes(c.target);
    const taken = victim.length !== before[c.target].length; // detached or shrunk
    let kind;
    if (outcome === null) {
      kind = 'resolved';
      for (const n of outputs) if (!(n === c.target && c.attack === 'overwrite') && (n !== c.target || !taken)) {
        if (!same(args[n], expected[n])) throw new Error(`${func}: ${n} differs from the sync results of the original inputs`);
      }
    } else {
      kind = 'rejected';
      if (!(outcome instanceof Error) || outcome.constructor !== Error) throw new Error(`rejected with ${outcome}`);
      if (!isOutput) throw new Error(`rejected although only the input ${c.target} was attacked: ${outcome.message}`);
      if (!outcome.message.startsWith(`${func}Async: output ${c.target} was detached, transferred or resized`)) throw new Error(`unclear rejection: ${outcome.message}`);
      for (const n of outputs) if (n !== c.target && !same(args[n], before[n])) throw new Error(`${func}: rejected but wrote ${n}`);
    }
    if (kept && !kept.every((v) => v === 0x7f)) throw new Error(`${func}: wrote into ${c.target}'s memory after it was transferred away`);
    const key = `${kind}:${c.attack}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }),
  { numRuns: runs, seed, endOnFailure: true },
);
// A normal call afterwards still computes what a sync call does.
const last = build({ kernel: 'forward', cell: 'lstm', T: 4, B: 3, X: 5, H: 6, dtype: 'f64', target: 'x', attack: 'none' });
const want = copyOf(last);
nb.recurrentForward(want);
await nb.recurrentForwardAsync(last);
const afterwardsSame = ['hs', 'cs', 'gates'].every((k) => same(last[k], want[k]));
console.log(JSON.stringify({ runs, counts, afterwardsSame }));
