/**
 * The one declaration of every kernel call's arguments, in positional order.
 *
 * Backends that cross into another language (the Node-API addon, the WebAssembly module)
 * pass a kernel's argument object as a positional list; this table is that list. The
 * Backend interface's argument types (types.ts) must have exactly these fields (checked
 * below at compile time), and every binding (the JS side that unpacks the object, the
 * Rust side that reads the list, the kernel crate's argument structs) is checked against
 * it by packages/conformance/test/kernel-signatures.test.ts. Adding a kernel or a field
 * means adding it here, then to each binding until that test passes.
 */
import type { CellKind, GemmArgs, RecurrentBackwardArgs, RecurrentForwardArgs, TransposeArgs } from './types.ts';

/**
 * What an argument holds. 'cell': a CellKind; 'bool'; 'dim': a non-negative integer size or
 * stride; 'number': any float scalar; 'floats': a FloatArray of the call's dtype;
 * 'int32s': an Int32Array; 'activation': the name of a nonlinearity (RnnActivation,
 * GateActivation).
 */
export type KernelArgKind = 'cell' | 'bool' | 'dim' | 'number' | 'floats' | 'int32s' | 'activation';

export interface KernelArg {
  readonly name: string;
  readonly kind: KernelArgKind;
  /** May be null/undefined (a default or zeros is used, or the cell does not use it). */
  readonly optional?: true;
  /** Arrays: 'in' is only read, 'out' only written, 'inout' read and written. */
  readonly role?: 'in' | 'out' | 'inout';
  /** Only these cells read or write it (others may pass null). */
  readonly cells?: readonly CellKind[];
  /** The Rust field or parameter name when it is not the snake_case of `name`. */
  readonly rust?: string;
}

// Generic so each name stays a literal type (the compile-time checks at the end need them).
const dim = <N extends string>(name: N) => ({ name, kind: 'dim' }) as const;
const input = <N extends string>(name: N) => ({ name, kind: 'floats', role: 'in' }) as const;
const output = <N extends string>(name: N) => ({ name, kind: 'floats', role: 'out' }) as const;
const optional = <A extends KernelArg>(arg: A) => ({ ...arg, optional: true }) as const;
const lstmOnly = <A extends KernelArg>(arg: A) => ({ ...arg, optional: true, cells: ['lstm'] }) as const;

/** The trailing arguments of both recurrent kernels: the cell's nonlinearities. */
const SEQ_TAIL = [
  { name: 'activation', kind: 'activation', optional: true, cells: ['rnn'] },
  { name: 'recurrentActivation', kind: 'activation', optional: true, cells: ['lstm', 'gru'] },
] as const;

/** The leading arguments of both recurrent kernels. */
const SEQ_HEAD = [
  { name: 'cell', kind: 'cell' },
  { name: 'resetAfter', kind: 'bool', optional: true, cells: ['gru'] },
  dim('T'),
  dim('B'),
  { name: 'X', kind: 'dim', rust: 'x_dim' },
  dim('H'),
  input('x'),
  input('h0'),
  lstmOnly(input('c0')),
  input('wx'),
  input('wh'),
] as const;

const SIGNATURES = {
  gemm: [
    { name: 'transA', kind: 'bool' },
    { name: 'transB', kind: 'bool' },
    dim('m'),
    dim('n'),
    dim('k'),
    { name: 'alpha', kind: 'number' },
    input('a'),
    dim('lda'),
    input('b'),
    dim('ldb'),
    { name: 'beta', kind: 'number' },
    { name: 'c', kind: 'floats', role: 'inout' },
    dim('ldc'),
  ],
  transpose: [
    dim('count'),
    dim('rows'),
    dim('cols'),
    input('src'),
    dim('ldSrc'),
    dim('srcBatch'),
    output('dst'),
    dim('ldDst'),
    dim('dstBatch'),
  ],
  softmaxRows: [{ name: 'data', kind: 'floats', role: 'inout' }, dim('rows'), dim('cols')],
  recurrentForward: [
    ...SEQ_HEAD,
    input('bx'),
    optional(input('bh')),
    { name: 'lengths', kind: 'int32s', role: 'in', optional: true },
    output('hs'),
    lstmOnly(output('cs')),
    output('gates'),
    ...SEQ_TAIL,
  ],
  recurrentBackward: [
    ...SEQ_HEAD,
    optional(input('bh')),
    { name: 'lengths', kind: 'int32s', role: 'in', optional: true },
    input('hs'),
    lstmOnly(input('cs')),
    input('gates'),
    optional(input('dhs')),
    optional(input('dhT')),
    lstmOnly(input('dcT')),
    output('dx'),
    output('dh0'),
    lstmOnly(output('dc0')),
    output('dwx'),
    output('dwh'),
    output('dbx'),
    optional(output('dbh')),
    ...SEQ_TAIL,
  ],
} as const satisfies Record<KernelName, readonly KernelArg[]>;

/**
 * Fields of the argument objects that are not yet in the positional lists: a backend whose
 * binding does not carry them must refuse a non-default value with a TypeError (types.ts),
 * never run the default. Moving one into SIGNATURES (with its kind) makes every binding's
 * signature test require it.
 */
const NOT_YET_POSITIONAL = {
  recurrentForward: [],
  recurrentBackward: [],
} as const;

/** The argument-object fields of `kernel` that no binding passes positionally yet. */
export const PENDING_KERNEL_FIELDS: Readonly<Partial<Record<KernelName, readonly string[]>>> = NOT_YET_POSITIONAL;

/** The kernels of the Backend interface that every backend implements. */
export type KernelName = 'gemm' | 'transpose' | 'softmaxRows' | 'recurrentForward' | 'recurrentBackward';

export const KERNEL_SIGNATURES: Readonly<Record<KernelName, readonly KernelArg[]>> = SIGNATURES;

/** Argument names of `kernel`, in positional order. */
export function kernelArgNames(kernel: KernelName): string[] {
  return KERNEL_SIGNATURES[kernel].map((a: KernelArg) => a.name);
}

/**
 * `args` (a kernel's argument object) as the positional list of KERNEL_SIGNATURES[kernel],
 * nothing checked or converted. Bindings on a hot path spell the list out by hand instead
 * (a fixed property order is faster than this loop); the signature test checks those too.
 */
export function toPositional(kernel: KernelName, args: object): unknown[] {
  const o = args as Record<string, unknown>;
  return KERNEL_SIGNATURES[kernel].map((a: KernelArg) => o[a.name]);
}

// Compile-time proof that the table and the argument interfaces name the same fields, with
// the same ones optional (a field added to one and not the other fails the build here).
type Fields<K extends KernelName> = (typeof SIGNATURES)[K][number];
type Names<K extends KernelName> = Fields<K>['name'];
type OptionalNames<K extends KernelName> = Extract<Fields<K>, { optional: true }>['name'];
/** Pending fields are all optional (a missing one means the default). */
type Pending<K extends keyof typeof NOT_YET_POSITIONAL> = (typeof NOT_YET_POSITIONAL)[K][number];
/** Keys that may be left out or be null. */
type OptionalKeys<T> = { [P in keyof T]-?: undefined extends T[P] ? P : null extends T[P] ? P : never }[keyof T];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type KernelSignatureChecks = [
  Assert<Same<Names<'gemm'>, keyof GemmArgs>>,
  Assert<Same<Names<'transpose'>, keyof TransposeArgs>>,
  Assert<Same<OptionalNames<'transpose'>, OptionalKeys<TransposeArgs>>>,
  Assert<Same<Names<'recurrentForward'> | Pending<'recurrentForward'>, keyof RecurrentForwardArgs>>,
  Assert<Same<Names<'recurrentBackward'> | Pending<'recurrentBackward'>, keyof RecurrentBackwardArgs>>,
  Assert<Same<OptionalNames<'gemm'>, OptionalKeys<GemmArgs>>>,
  Assert<Same<OptionalNames<'recurrentForward'> | Pending<'recurrentForward'>, OptionalKeys<RecurrentForwardArgs>>>,
  Assert<Same<OptionalNames<'recurrentBackward'> | Pending<'recurrentBackward'>, OptionalKeys<RecurrentBackwardArgs>>>,
  Assert<Same<keyof typeof SIGNATURES, KernelName>>,
];
