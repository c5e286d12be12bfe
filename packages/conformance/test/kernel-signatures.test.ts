// Every binding of every kernel against the one declaration (core's KERNEL_SIGNATURES):
// the Rust readers of crates/node, the kernel crate's argument structs and gemm's
// parameters, the addon's TypeScript tuple types, core's Backend.softmaxRows, and what the
// native backend and the native tests' positional helper actually pass. The second block
// drifts each kind of source on purpose and shows the check notices.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_SIGNATURES, toPositional, type KernelName } from '@recur/core';
import { rustArgName } from '../src/signatures/rust-names.js';
import { createNativeBackend } from '../../native/src/backend.js';
import type { RawAddon } from '../../native/src/addon.js';
import { backwardParams, forwardParams, gemmParams } from '../../native/test/positional.js';
import { BACKENDS } from '../src/backends.js';
import { compareBinding, type BoundArg } from '../src/signatures/compare.js';
import { methodParams, namedArgs, objectLiteralCall, recordPositional, tupleLabels } from '../src/signatures/js-bindings.js';
import { rustArgc, rustExternParams, rustFnParams, rustNamesList, rustReaderKinds, rustStructFields } from '../src/signatures/rust-sources.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const NODE_EXPORTS: Record<KernelName, string> = {
  gemm: 'crates/node/src/exports/gemm.rs',
  transpose: 'crates/node/src/exports/transpose.rs',
  softmaxRows: 'crates/node/src/exports/softmax.rs',
  recurrentForward: 'crates/node/src/exports/recurrent_forward.rs',
  recurrentBackward: 'crates/node/src/exports/recurrent_backward.rs',
};
const KERNELS = Object.keys(KERNEL_SIGNATURES) as KernelName[];
/** Kernels the native backend also offers off the event loop. */
const HAS_ASYNC: ReadonlySet<KernelName> = new Set(['gemm', 'recurrentForward', 'recurrentBackward']);

/** crates/node's export of `kernel`: NAMES, ARGC and the reader calls, zipped. */
function nodeBinding(source: string): BoundArg[] {
  const names = rustNamesList(source);
  const kinds = rustReaderKinds(source);
  if (rustArgc(source) !== names.length) throw new Error(`ARGC ${rustArgc(source)} != NAMES.length ${names.length}`);
  if (kinds.length !== names.length) throw new Error(`prepare reads ${kinds.length} arguments, NAMES has ${names.length}`);
  return names.map((name, i) => ({ name, kind: kinds[i] }));
}

const WASM_UNDER_TEST = BACKENDS.find((b) => b.name === 'wasm')?.backend ?? null;

// Arguments a wasm binding may leave out because its backend refuses any non-default value
// with a TypeError (none now: crates/wasm takes the activations as codes).
const WASM_REFUSES: Partial<Record<KernelName, readonly string[]>> = {};
const wasmRefused = (kernel: KernelName) => WASM_REFUSES[kernel] ?? [];

const ARGS_RS = 'crates/kernels/src/recurrent/args.rs';
const KERNEL_STRUCTS: Partial<Record<KernelName, string>> = { recurrentForward: 'RecurrentForward', recurrentBackward: 'RecurrentBackward' };

function nativeJsCalls(kernel: KernelName, asyncVariant: boolean): string[] {
  return recordPositional(kernel, (args, record) => {
    const fake = new Proxy({}, { get: () => record }) as unknown as RawAddon;
    const backend = createNativeBackend(fake, undefined) as unknown as Record<string, (...a: unknown[]) => unknown>;
    const method = asyncVariant ? `${kernel}Async` : kernel;
    if (kernel === 'softmaxRows') backend[method](args.data, args.rows, args.cols);
    else backend[method](args);
  });
}

describe('every binding matches the kernel signatures declared in core', () => {
  for (const kernel of KERNELS) {
    it(`${kernel}: crates/node reads the declared arguments in order, with their kinds`, () => {
      expect(compareBinding(NODE_EXPORTS[kernel], kernel, nodeBinding(read(NODE_EXPORTS[kernel])))).toEqual([]);
    });
    it(`${kernel}: the native backend passes them in that order (sync${HAS_ASYNC.has(kernel) ? ' and async' : ''})`, () => {
      const want = KERNEL_SIGNATURES[kernel].map((a) => a.name);
      expect(nativeJsCalls(kernel, false)).toEqual(want);
      if (HAS_ASYNC.has(kernel)) expect(nativeJsCalls(kernel, true)).toEqual(want);
      expect(toPositional(kernel, namedArgs(kernel))).toEqual(want);
    });
  }

  for (const [kernel, struct] of Object.entries(KERNEL_STRUCTS) as [KernelName, string][]) {
    it(`${kernel}: crates/kernels ${struct} has the declared fields in order, with their kinds`, () => {
      expect(compareBinding(ARGS_RS, kernel, rustStructFields(read(ARGS_RS), struct), rustArgName)).toEqual([]);
    });
  }

  it('gemm: crates/kernels gemm() takes the declared parameters in order, with their kinds', () => {
    const path = 'crates/kernels/src/gemm/mod.rs';
    expect(compareBinding(path, 'gemm', rustFnParams(read(path), 'gemm'), rustArgName)).toEqual([]);
  });

  it("the addon's TypeScript parameter tuples and core's Backend.softmaxRows name them in order", () => {
    const addon = read('packages/native/src/addon.ts');
    const tuples: [KernelName, string][] = [['gemm', 'GemmParams'], ['transpose', 'TransposeParams'], ['recurrentForward', 'RecurrentForwardParams'], ['recurrentBackward', 'RecurrentBackwardParams']];
    for (const [kernel, type] of tuples) {
      expect(compareBinding(`addon.ts ${type}`, kernel, tupleLabels(addon, type).map((name) => ({ name })))).toEqual([]);
    }
    expect(compareBinding('addon.ts RawAddon', 'softmaxRows', methodParams(addon, 'softmaxRows').map((name) => ({ name })))).toEqual([]);
    const types = read('packages/core-ts/src/backend/types.ts');
    expect(compareBinding('types.ts Backend', 'softmaxRows', methodParams(types, 'softmaxRows').map((name) => ({ name })))).toEqual([]);
  });


  // crates/wasm: one export per kernel and dtype (macro placeholders $fwd/$bwd/$name), arrays as (pointer, length).
  const WASM_EXPORTS: [KernelName, string, string][] = [
    ['gemm', 'crates/wasm/src/gemm.rs', '$name'],
    ['transpose', 'crates/wasm/src/transpose.rs', '$name'],
    ['softmaxRows', 'crates/wasm/src/softmax.rs', 'recur_softmax_rows_f64'],
    ['recurrentForward', 'crates/wasm/src/recurrent.rs', '$fwd'],
    ['recurrentBackward', 'crates/wasm/src/recurrent.rs', '$bwd'],
  ];
  for (const [kernel, path, fn] of WASM_EXPORTS) {
    it(`${kernel}: crates/wasm's export takes the declared arguments in order, with their kinds`, () => {
      expect(compareBinding(path, kernel, rustExternParams(read(path), fn), rustArgName, wasmRefused(kernel))).toEqual([]);
    });
  }

  it.skipIf(!WASM_UNDER_TEST)('the wasm backend runs the non-default activations (it no longer refuses them)', () => {
    const wasm = WASM_UNDER_TEST!;
    const base = { cell: 'rnn' as const, T: 1, B: 1, X: 1, H: 1, x: new Float64Array(1), h0: new Float64Array(1), wx: new Float64Array(1), wh: new Float64Array(1), bx: new Float64Array(1), hs: new Float64Array(1), gates: new Float64Array(0) };
    const refused = (args: object) => {
      try {
        wasm.recurrentForward(args as Parameters<typeof wasm.recurrentForward>[0]);
      } catch (e) {
        return e instanceof TypeError ? e.message : `not a TypeError: ${String(e)}`;
      }
      return 'nothing thrown';
    };
    expect(refused({ ...base, activation: 'relu' })).toBe('nothing thrown');
    expect(refused({ ...base, cell: 'gru', recurrentActivation: 'hardSigmoid', bx: new Float64Array(3), wx: new Float64Array(3), wh: new Float64Array(3), gates: new Float64Array(4) })).toBe('nothing thrown');
  });

  // The checks (core's backend/check-args, used by ts and wasm) read their names from
  // KERNEL_SIGNATURES itself, so only the wasm backend's call lists can drift.
  it("@recur/wasm's backend passes the declared arguments in order", () => {
    const kernels: KernelName[] = ['gemm', 'transpose', 'softmaxRows', 'recurrentForward', 'recurrentBackward'];
    const backend = read('packages/wasm/src/backend.ts');
    for (const kernel of kernels) {
      expect(compareBinding('packages/wasm/src/backend.ts', kernel, objectLiteralCall(backend, kernel).map((name) => ({ name })), undefined, wasmRefused(kernel))).toEqual([]);
    }
  });

  it("the native tests' positional helpers spell the same lists", () => {
    const helpers: [KernelName, (o: Record<string, unknown>) => unknown[]][] = [['gemm', gemmParams], ['recurrentForward', forwardParams], ['recurrentBackward', backwardParams]];
    for (const [kernel, helper] of helpers) expect(helper(namedArgs(kernel))).toEqual(KERNEL_SIGNATURES[kernel].map((a) => a.name));
  });
});

describe('the signature check notices drift (each kind of source changed on purpose)', () => {
  const fwd = read(NODE_EXPORTS.recurrentForward);

  it('two names swapped in a crates/node NAMES list', () => {
    const drifted = fwd.replace('"wx",\n    "wh",', '"wh",\n    "wx",');
    expect(drifted).not.toBe(fwd);
    expect(compareBinding('drifted', 'recurrentForward', nodeBinding(drifted)).join()).toMatch(/wh, wx/);
  });

  it('a reader call that no longer fits the declared kind (bh read as required)', () => {
    const drifted = fwd.replace('let bh = r.opt_float_array()?;', 'let bh = Some(r.float_array()?);');
    expect(drifted).not.toBe(fwd);
    expect(compareBinding('drifted', 'recurrentForward', nodeBinding(drifted)).join()).toMatch(/'bh' is read as floats, the declaration says optional floats/);
  });

  it('a reader call missing, or ARGC out of step with NAMES', () => {
    expect(() => nodeBinding(fwd.replace('let gates = r.float_array()?;', 'let gates = todo();'))).toThrow(/reads 18 arguments, NAMES has 19/);
    expect(() => nodeBinding(fwd.replace('ARGC: usize = 19', 'ARGC: usize = 18'))).toThrow(/ARGC 18 != NAMES.length 19/);
  });

  it('a kernel-crate field moved, or made mutable', () => {
    const args = read(ARGS_RS);
    const moved = args.replace('    pub bx: &\'a [F],\n    pub bh: Option<&\'a [F]>,\n', '    pub bh: Option<&\'a [F]>,\n    pub bx: &\'a [F],\n');
    expect(moved).not.toBe(args);
    expect(compareBinding('drifted', 'recurrentForward', rustStructFields(moved, 'RecurrentForward'), rustArgName).join()).toMatch(/bh, bx/);
    const mutable = args.replace("pub struct RecurrentForward<'a, F: Float> {\n    pub cell: CellKind,", "pub struct RecurrentForward<'a, F: Float> {\n    pub cell: CellKind,").replace("    pub h0: &'a [F],\n    pub c0: Option<&'a [F]>,\n    pub wx: &'a [F],\n    pub wh: &'a [F],\n    pub bx", "    pub h0: &'a mut [F],\n    pub c0: Option<&'a [F]>,\n    pub wx: &'a [F],\n    pub wh: &'a [F],\n    pub bx");
    expect(mutable).not.toBe(args);
    expect(compareBinding('drifted', 'recurrentForward', rustStructFields(mutable, 'RecurrentForward'), rustArgName).join()).toMatch(/'h0' is read as written floats/);
  });

  it('a JS binding that passes two arguments in the wrong order', () => {
    const bound = nativeJsCalls('gemm', false);
    const swapped = [...bound];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    expect(compareBinding('drifted', 'gemm', swapped.map((name) => ({ name }))).join()).toMatch(/\(transA, transB, n, m,/);
  });

  it('a crates/wasm export with two pointer arguments swapped, or an input made writable', () => {
    const rec = read('crates/wasm/src/recurrent.rs');
    const swapped = rec.replace('            wx: *const $t,\n            wx_len: usize,\n            wh: *const $t,\n            wh_len: usize,\n            bx:', '            wh: *const $t,\n            wh_len: usize,\n            wx: *const $t,\n            wx_len: usize,\n            bx:');
    expect(swapped).not.toBe(rec);
    expect(compareBinding('drifted', 'recurrentForward', rustExternParams(swapped, '$fwd'), rustArgName, wasmRefused('recurrentForward')).join()).toMatch(/wh, wx/);
    const writable = rec.replace('            h0: *const $t,', '            h0: *mut $t,');
    expect(compareBinding('drifted', 'recurrentForward', rustExternParams(writable, '$fwd'), rustArgName, wasmRefused('recurrentForward')).join()).toMatch(/'h0' is read as written floats/);
  });

  it("a wasm backend call list with an argument left out", () => {
    const backend = read('packages/wasm/src/backend.ts').replace('a.bx, a.bh, a.lengths', 'a.bh, a.lengths');
    expect(compareBinding('drifted', 'recurrentForward', objectLiteralCall(backend, 'recurrentForward').map((name) => ({ name })), undefined, wasmRefused('recurrentForward')).join()).toMatch(/\(cell, resetAfter, T, B, X, H, x, h0, c0, wx, wh, bh, lengths/);
  });

  it('a labelled tuple with a parameter left out', () => {
    const addon = read('packages/native/src/addon.ts').replace('dhT: Opt<FloatArray>, ', '');
    expect(compareBinding('drifted', 'recurrentBackward', tupleLabels(addon, 'RecurrentBackwardParams').map((name) => ({ name }))).length).toBe(1);
  });
});
