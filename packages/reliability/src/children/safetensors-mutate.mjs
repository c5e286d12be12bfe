// Child process of test/safetensors-mutation.test.ts (plain JS, so node runs it directly).
//
//   node safetensors-mutate.mjs <seed> <mutationsPerBase>
//
// Starts from valid files (model files from saveModelBytes: SimpleRNN, stacked bidirectional
// LSTM, GRU, a CharLM with its Adam state, one larger LSTM; and a plain encodeSafetensors
// file mixing F32 and F64), mutates each many times and feeds every mutant to
// decodeSafetensors and (for model files) loadModelBytes. Mutations are blind (byte flips,
// truncation, appended bytes, header-length edits) and header-aware (the JSON is parsed,
// edited and written back: huge / negative / fractional / swapped / overlapping
// data_offsets, bad dtypes, huge or non-integer shapes, NaN / Infinity / 1e400 spelled in
// the JSON text, removed / added / renamed entries, edited metadata and model config,
// invalid UTF-8, deep nesting). Every load must return or throw a TypeError / RangeError
// whose message says what is wrong ("clear"); no crash, no call slower than SLOW_MS.
// Prints one JSON line: counts per mutation kind, the slowest call, the first violations.
import {
  CharLM, GRU, LSTM, RandomState, SimpleRNN, Tensor, decodeSafetensors, encodeSafetensors, loadModelBytes, saveModelBytes,
} from '@recur/core';
import { mulberry32 } from '@recur/testkit/random/mulberry32';

const [seedArg, perBaseArg] = process.argv.slice(2);
const SEED = Number(seedArg ?? 1);
const PER_BASE = Number(perBaseArg ?? 500);
const SLOW_MS = 5_000;

const r = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(r() * xs.length)];

// ---- valid base files -------------------------------------------------------------------
function charLMWithState() {
  const m = new CharLM({ vocabSize: 7, hiddenSize: 6, numLayers: 2, cell: 'gru', embeddingSize: 3, seed: 5 });
  const rs = new RandomState(2);
  for (const p of m.parameters()) p.grad.data.set(rs.randn(p.grad.size).data);
  m.optimizer.step();
  return saveModelBytes(m, { includeOptimizer: true, metadata: { note: 'fuzz base' } });
}

function plainFile() {
  const rs = new RandomState(3);
  return encodeSafetensors(
    { a: rs.randn(3, 4), 'b/ü': rs.randn(5).astype('float32'), empty: Tensor.zeros([0, 3]), scalar: Tensor.from(2.5), c: rs.randn(2, 2, 2).astype('float32') },
    { creator: 'reliability' },
  );
}

const BASES = [
  { name: 'SimpleRNN', model: true, bytes: saveModelBytes(new SimpleRNN({ inputSize: 3, hiddenSize: 4, seed: 1 })) },
  { name: 'LSTM 2x bidirectional', model: true, bytes: saveModelBytes(new LSTM({ inputSize: 5, hiddenSize: 4, numLayers: 2, bidirectional: true, seed: 2 })) },
  { name: 'GRU float32', model: true, bytes: saveModelBytes(new GRU({ inputSize: 4, hiddenSize: 3, resetAfter: false, dtype: 'float32', seed: 3 })) },
  { name: 'CharLM + Adam state', model: true, bytes: charLMWithState() },
  { name: 'LSTM 64x96 (large)', model: true, bytes: saveModelBytes(new LSTM({ inputSize: 64, hiddenSize: 96, numLayers: 2, seed: 4 })), share: 0.1 },
  { name: 'plain F32/F64', model: false, bytes: plainFile() },
];

// ---- file anatomy -----------------------------------------------------------------------
function split(bytes) {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return { headerLen: n, header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))), data: bytes.subarray(8 + n) };
}

/** A file from a header given as text (not necessarily valid JSON) and data bytes. */
function assemble(headerText, data, lengthOverride) {
  const json = typeof headerText === 'string' ? new TextEncoder().encode(headerText) : headerText;
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const tensorNames = (h) => Object.keys(h).filter((k) => k !== '__metadata__');

// ---- mutations --------------------------------------------------------------------------
const HUGE_NUMBERS = [2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e300, -1, -(2 ** 53), 0.5, 1.5, -0];
const NUMBER_SPELLINGS = ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e-400', '-0', '0x10', '01', '1.0', '9007199254740993', '"8"', 'null', 'true', '[]'];
const DTYPES = ['F16', 'BF16', 'F32', 'F64', 'I32', 'I64', 'U8', 'BOOL', 'F8_E4M3', 'f32', '', 'F32 ', 42, null, ['F32']];

const MUTATIONS = {
  flipBytes(b) {
    const out = b.slice();
    const { headerLen } = split(b);
    for (let i = int(1, 8); i > 0; i--) {
      const inHeader = r() < 0.6;
      const at = inHeader ? int(0, Math.min(out.length - 1, 8 + headerLen - 1)) : int(0, out.length - 1);
      out[at] ^= int(1, 255);
    }
    return out;
  },
  truncate(b) {
    const { headerLen } = split(b);
    const cut = pick([int(0, 8), int(8, 8 + headerLen), int(8 + headerLen, b.length - 1), b.length - 1]);
    return b.slice(0, Math.max(0, Math.min(cut, b.length - 1)));
  },
  append(b) {
    const extra = new Uint8Array(int(1, 64)).map(() => int(0, 255));
    const out = new Uint8Array(b.length + extra.length);
    out.set(b);
    out.set(extra, b.length);
    return out;
  },
  headerLength(b) {
    const out = b.slice();
    const { headerLen } = split(b);
    const v = pick([0n, 1n, 7n, BigInt(headerLen - 1), BigInt(headerLen + 1), BigInt(headerLen + 8), BigInt(b.length), BigInt(b.length) * 2n,
      2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n, 100_000_001n, BigInt(headerLen) | (1n << 40n)]);
    new DataView(out.buffer).setBigUint64(0, v, true);
    return out;
  },
  offsets(b) {
    const { header, data } = split(b);
    const names = tensorNames(header);
    if (!names.length) return b;
    const e = header[pick(names)];
    const [begin, end] = e.data_offsets;
    switch (int(0, 8)) {
      case 0: e.data_offsets = [begin, pick(HUGE_NUMBERS)]; break;
      case 1: e.data_offsets = [pick(HUGE_NUMBERS), end]; break;
      case 2: e.data_offsets = [end, begin]; break;
      case 3: { const d = int(1, 16); e.data_offsets = [Math.max(0, begin - d), Math.max(0, end - d)]; break; } // overlaps the previous tensor
      case 4: { const other = header[pick(names)]; e.data_offsets = [...other.data_offsets]; break; } // the same range twice
      case 5: e.data_offsets = [begin, end, end]; break;
      case 6: e.data_offsets = [String(begin), end]; break;
      case 7: e.data_offsets = { 0: begin, 1: end }; break;
      default: delete e.data_offsets;
    }
    return assemble(JSON.stringify(header), data);
  },
  dtype(b) {
    const { header, data } = split(b);
    const names = tensorNames(header);
    if (!names.length) return b;
    const e = header[pick(names)];
    if (r() < 0.1) delete e.dtype;
    else e.dtype = pick(DTYPES);
    return assemble(JSON.stringify(header), data);
  },
  shape(b) {
    const { header, data } = split(b);
    const names = tensorNames(header);
    if (!names.length) return b;
    const e = header[pick(names)];
    switch (int(0, 6)) {
      case 0: e.shape = [...e.shape, pick([0, 1, 2, 2 ** 31])]; break;
      case 1: e.shape = e.shape.slice(1); break;
      case 2: e.shape = [2 ** 31, 2 ** 31, 2 ** 31]; break;
      case 3: e.shape = e.shape.map((d) => (r() < 0.5 ? pick(HUGE_NUMBERS) : d)); break;
      case 4: e.shape = [...e.shape].reverse().concat(e.shape.length ? [] : [1]); break;
      case 5: e.shape = pick([null, 'x', 3, {}, [[2]], [true]]); break;
      default: e.shape = [0];
    }
    return assemble(JSON.stringify(header), data);
  },
  numberSpelling(b) {
    // Replace one number in the header text by a spelling JSON does not allow (NaN, Infinity,
    // hex) or that parses to something odd (1e400 -> Infinity, 9007199254740993 -> rounded).
    const { header, data } = split(b);
    const text = JSON.stringify(header);
    const spots = [...text.matchAll(/-?\d+(\.\d+)?/g)];
    if (!spots.length) return b;
    const s = pick(spots);
    return assemble(text.slice(0, s.index) + pick(NUMBER_SPELLINGS) + text.slice(s.index + s[0].length), data);
  },
  entries(b) {
    const { header, data } = split(b);
    const names = tensorNames(header);
    const name = names.length ? pick(names) : 'x';
    switch (int(0, 5)) {
      case 0: delete header[name]; break;
      case 1: header[`${name}_copy`] = { ...header[name] }; break;
      case 2: header[`${name}x`] = header[name]; delete header[name]; break;
      case 3: header.extra = { dtype: 'F32', shape: [0], data_offsets: [0, 0] }; break;
      case 4: header[name] = pick([null, 1, 'F32', [], { dtype: 'F32' }]); break;
      default: header.__metadata__ = { ...(header.__metadata__ ?? {}), [name]: 'x' };
    }
    return assemble(JSON.stringify(header), data);
  },
  metadata(b) {
    const { header, data } = split(b);
    const meta = { ...(header.__metadata__ ?? {}) };
    const keys = Object.keys(meta);
    switch (int(0, 7)) {
      case 0: header.__metadata__ = pick([null, [], 'x', 1, { a: 1 }, { a: null }]); break;
      case 1: if (keys.length) delete meta[pick(keys)]; header.__metadata__ = meta; break;
      case 2: if (keys.length) meta[pick(keys)] = pick(['', 'x', '2', '{', 'null', '[]', '{"a":1}']); header.__metadata__ = meta; break;
      case 3: meta['recur.version'] = pick(['0', '2', '1.0', ' 1']); header.__metadata__ = meta; break;
      case 4: meta['recur.architecture'] = pick(['lstm', 'Transformer', '', 'CharLM', 'GRU', 'SimpleRNN']); header.__metadata__ = meta; break;
      default: {
        // Edit the model config JSON: a key to a huge / negative / wrong-typed value, or remove / add one.
        let config;
        try { config = JSON.parse(meta['recur.config'] ?? '{}'); } catch { config = {}; }
        const ck = Object.keys(config);
        const k = ck.length ? pick(ck) : 'hiddenSize';
        const c = int(0, 3);
        if (c === 0) config[k] = pick([2 ** 31, 2 ** 53, 1e300, -1, 0, 1.5, 'lstm', null, true, [], { kind: 'sgd' }]);
        else if (c === 1) delete config[k];
        else if (c === 2) config.unknownKey = 1;
        else config.numLayers = pick([1e6, 2 ** 31, 3]);
        meta['recur.config'] = JSON.stringify(config);
        header.__metadata__ = meta;
      }
    }
    return assemble(JSON.stringify(header), data);
  },
  encoding(b) {
    // Bytes JSON.parse never sees as valid: invalid UTF-8, NULs in the padding, a BOM, deep nesting.
    const { header, data } = split(b);
    const text = new TextEncoder().encode(JSON.stringify(header));
    switch (int(0, 4)) {
      case 0: { const t = text.slice(); t[int(0, t.length - 1)] = pick([0xff, 0xc0, 0x80, 0xed]); return assemble(t, data); }
      case 1: return assemble(new Uint8Array([...text, 0, 0, 0, 0]), data);
      case 2: return assemble(new Uint8Array([0xef, 0xbb, 0xbf, ...text]), data);
      case 3: return assemble('['.repeat(int(1_000, 200_000)), data);
      default: return assemble(`{"a":${'{"b":'.repeat(5_000)}1${'}'.repeat(5_000)}}`, data);
    }
  },
};
const KINDS = Object.keys(MUTATIONS);

// ---- the property -----------------------------------------------------------------------
/** A message is clear when it says which layer of the format complained. */
const CLEAR = /^(safetensors:|loadModelBytes:|decodeSafetensors:|(SimpleRNN|LSTM|GRU|CharLM|Adam|SGD|adam|sgd|momentum)[.:]|createOptimizer:)/;

const counts = { mutants: 0, loads: 0, loaded: 0, rejected: 0, perKind: {}, perBase: {}, slowestMs: 0, slowest: '' };
const violations = [];
// RECUR_FUZZ_TRACE=1 prints the distinct rejection messages (digits folded) to stderr at the end.
const TRACE = process.env.RECUR_FUZZ_TRACE === '1';
const messages = new Set();

function note(kind, base, fn, problem) {
  if (violations.length < 10) violations.push({ kind, base, fn, problem });
}

function check(kind, base, fn, load, bytes) {
  counts.loads++;
  const start = performance.now();
  let ok = false;
  let value;
  try {
    value = load(bytes);
    ok = true;
  } catch (e) {
    const ms = performance.now() - start;
    if (ms > counts.slowestMs) { counts.slowestMs = ms; counts.slowest = `${fn} ${kind} on ${base}`; }
    if (!(e instanceof TypeError || e instanceof RangeError)) {
      note(kind, base, fn, `threw ${e?.constructor?.name ?? typeof e}: ${e?.message ?? String(e)}`);
    } else if (!CLEAR.test(e.message)) {
      note(kind, base, fn, `unclear ${e.constructor.name}: ${e.message.slice(0, 300)}`);
    } else {
      counts.rejected++;
      if (TRACE) messages.add(e.message.replace(/\d+/g, 'N').slice(0, 110));
    }
    if (ms > SLOW_MS) note(kind, base, fn, `took ${Math.round(ms)} ms`);
    return;
  }
  const ms = performance.now() - start;
  if (ms > counts.slowestMs) { counts.slowestMs = ms; counts.slowest = `${fn} ${kind} on ${base}`; }
  if (ms > SLOW_MS) note(kind, base, fn, `took ${Math.round(ms)} ms`);
  if (ok) {
    counts.loaded++;
    // What loads must be self-consistent: every tensor's data fills its shape.
    const tensors = fn === 'loadModelBytes' ? value.parameters().map((p) => p.param) : Object.values(value.tensors);
    for (const t of tensors) {
      const size = t.shape.reduce((a, d) => a * d, 1);
      if (!(t instanceof Tensor) || t.data.length !== size) note(kind, base, fn, `loaded a tensor whose data (${t.data?.length}) does not fill its shape (${t.shape})`);
    }
    if (fn === 'loadModelBytes' && tensors.some((t) => t.data.some((v) => !Number.isFinite(v)))) note(kind, base, fn, 'loaded a model with non-finite weights');
  }
}

for (const base of BASES) {
  // Sanity: the base itself loads.
  decodeSafetensors(base.bytes);
  if (base.model) loadModelBytes(base.bytes);
  const n = Math.max(1, Math.round(PER_BASE * (base.share ?? 1)));
  counts.perBase[base.name] = { bytes: base.bytes.length, mutants: n };
  for (let i = 0; i < n; i++) {
    const kind = pick(KINDS);
    let mutant = MUTATIONS[kind](base.bytes);
    // Sometimes stack a second mutation on the first.
    if (r() < 0.2 && mutant.length >= 8) {
      try { mutant = MUTATIONS[pick(['flipBytes', 'truncate', 'append', 'headerLength'])](mutant); } catch { /* not splittable any more: keep it */ }
    }
    counts.mutants++;
    counts.perKind[kind] = (counts.perKind[kind] ?? 0) + 1;
    check(kind, base.name, 'decodeSafetensors', (b) => decodeSafetensors(b), mutant);
    if (r() < 0.2) check(kind, base.name, 'decodeSafetensors (maxHeaderBytes)', (b) => decodeSafetensors(b, { maxHeaderBytes: pick([0, 64, 1024, 2 ** 53]) }), mutant);
    if (base.model) check(kind, base.name, 'loadModelBytes', (b) => loadModelBytes(b), mutant);
  }
}

if (TRACE) process.stderr.write(`${[...messages].sort().join('\n')}\n`);
console.log(JSON.stringify({ ...counts, slowestMs: Math.round(counts.slowestMs), violations }));
