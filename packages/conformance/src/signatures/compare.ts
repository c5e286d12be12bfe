/**
 * Comparing one binding's view of a kernel's arguments with KERNEL_SIGNATURES. A binding is
 * described as a list of { name, kind? } in positional order; the answer is a list of
 * human-readable differences (empty when they agree), so a failing test says what drifted.
 */
import { KERNEL_SIGNATURES, type KernelArg, type KernelName } from '@recur/core';

export interface BoundArg {
  name: string;
  /** What the binding says about the argument, when it says anything; checked by `accepts`. */
  kind?: BoundKind;
}

/** A binding's reading of an argument: the declared kind, and whether it may be absent / is written. */
export interface BoundKind {
  kind: KernelArg['kind'];
  optional?: boolean;
  /** Arrays: written by the kernel. */
  written?: boolean;
}

export function signature(kernel: KernelName): readonly KernelArg[] {
  return KERNEL_SIGNATURES[kernel];
}

/**
 * Differences between `bound` (as `where` reads it) and the declaration of `kernel`.
 * `refused`: trailing optional arguments this binding does not carry yet because its
 * backend refuses every non-default value for them (a TypeError, checked elsewhere).
 */
export function compareBinding(
  where: string,
  kernel: KernelName,
  bound: readonly BoundArg[],
  nameOf = (a: KernelArg) => a.name,
  refused: readonly string[] = [],
): string[] {
  const full = signature(kernel);
  const want = full.slice(0, full.length - refused.length);
  const tail = full.slice(want.length);
  if (tail.some((a, i) => a.name !== refused[i] || a.optional !== true)) {
    return [`${where}: ${kernel}: refused arguments (${refused.join(', ')}) must be the declaration's optional last ones`];
  }
  const problems: string[] = [];
  const wantNames = want.map(nameOf);
  const gotNames = bound.map((b) => b.name);
  if (wantNames.join() !== gotNames.join()) {
    problems.push(`${where}: ${kernel} arguments are (${gotNames.join(', ')}), the declaration says (${wantNames.join(', ')})`);
    return problems;
  }
  want.forEach((arg, i) => {
    const k = bound[i].kind;
    if (k && !accepts(arg, k)) {
      problems.push(`${where}: ${kernel} argument ${i} '${arg.name}' is read as ${describe(k)}, the declaration says ${describe(declared(arg))}`);
    }
  });
  return problems;
}

function declared(arg: KernelArg): BoundKind {
  return { kind: arg.kind, optional: arg.optional === true, written: arg.role === 'out' || arg.role === 'inout' };
}

function describe(k: BoundKind): string {
  return `${k.optional ? 'optional ' : ''}${k.written ? 'written ' : ''}${k.kind}`;
}

/**
 * Whether a binding's reading fits the declaration. Same kind always; an optional scalar may
 * be read as a required one with a default filled in by the caller's side (Rust's bool
 * reset_after); an optional cell-only array may be read as required when the binding reads
 * it only for those cells. `written` is compared when the binding states it.
 */
function accepts(arg: KernelArg, k: BoundKind): boolean {
  if (k.kind !== arg.kind) return false;
  const isArray = arg.kind === 'floats' || arg.kind === 'int32s';
  if (k.optional !== undefined) {
    const optional = arg.optional === true;
    if (k.optional && !optional) return false;
    if (!k.optional && optional && isArray && arg.cells === undefined) return false;
  }
  if (k.written !== undefined && isArray && k.written !== (arg.role === 'out' || arg.role === 'inout')) return false;
  return true;
}
