/**
 * Reading kernel argument lists out of the Rust sources, as text (no Rust toolchain
 * needed): a binding's `NAMES` list and the order of its ArgReader calls (crates/node), a
 * kernel crate argument struct's fields (crates/kernels args.rs) or a function's
 * parameters (crates/kernels gemm). Each parser throws when the text no longer has the
 * expected form, so a refactor that moves the list fails loudly instead of checking nothing.
 */
import type { BoundArg, BoundKind } from './compare.js';

function mustMatch(re: RegExp, text: string, what: string): RegExpMatchArray {
  const m = text.match(re);
  if (!m) throw new Error(`cannot find ${what} (${re})`);
  return m;
}

/** `pub const NAMES: &[&str] = &["a", "b", ...];` */
export function rustNamesList(source: string, constName = 'NAMES'): string[] {
  const m = mustMatch(new RegExp(`pub const ${constName}: &\\[&str\\] = &\\[([^\\]]*)\\];`), source, `const ${constName}`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}

/** `pub const ARGC: usize = 17;` */
export function rustArgc(source: string): number {
  return Number(mustMatch(/pub const ARGC: usize = (\d+);/, source, 'const ARGC')[1]);
}

/** The body of `fn <name>(...) ... {` up to the closing brace at the start of a line. */
function fnBody(source: string, name: string): string {
  const start = source.search(new RegExp(`\\bfn ${name}\\b`));
  if (start < 0) throw new Error(`cannot find fn ${name}`);
  const end = source.indexOf('\n}', start);
  return source.slice(start, end < 0 ? undefined : end);
}

const READERS: Readonly<Record<string, BoundKind>> = {
  cell: { kind: 'cell', optional: false },
  boolean: { kind: 'bool', optional: false },
  opt_boolean: { kind: 'bool', optional: true },
  dim: { kind: 'dim', optional: false },
  number: { kind: 'number', optional: false },
  float_array: { kind: 'floats', optional: false },
  opt_float_array: { kind: 'floats', optional: true },
  opt_int32_array: { kind: 'int32s', optional: true },
  opt_activation: { kind: 'activation', optional: true },
};

/**
 * The kinds crates/node's `prepare` reads, in order: each `r.<reader>()` call, each call of
 * a local closure over the reader (`let f = |r: &mut ArgReader| ... r.<reader>() ...;` then
 * `f(&mut r)`); `skip(&mut r)` is the other branch of a cell-only read and takes no place.
 */
export function rustReaderKinds(source: string, fn = 'prepare'): BoundKind[] {
  let body = fnBody(source, fn);
  const closures = new Map<string, BoundKind>();
  body = body.replace(/let (\w+) = \|r: &mut ArgReader\|([^;]*);/g, (_, name: string, def: string) => {
    const inner = [...def.matchAll(/\br\.(\w+)\(/g)].map((x) => x[1]).filter((r) => r !== 'skip');
    if (inner.length !== 1 || !READERS[inner[0]]) throw new Error(`closure ${name} does not read exactly one argument: ${def}`);
    closures.set(name, READERS[inner[0]]);
    return '';
  });
  const kinds: BoundKind[] = [];
  for (const m of body.matchAll(/\br\.(\w+)\(|\b(\w+)\(&mut r\)/g)) {
    if (m[1] !== undefined) {
      if (m[1] === 'skip') continue;
      const k = READERS[m[1]];
      if (!k) throw new Error(`unknown ArgReader method r.${m[1]}() in ${fn}`);
      kinds.push(k);
    } else if (m[2] !== 'skip') {
      const k = closures.get(m[2]);
      if (!k) throw new Error(`${m[2]}(&mut r) in ${fn} is not a known reader closure`);
      kinds.push(k);
    }
  }
  return kinds;
}

/** What a Rust type says: `&'a [F]`, `Option<&'a mut [F]>`, `usize`, `F`, `bool`, `CellKind`, `&[i32]`. */
export function rustTypeKind(type: string): BoundKind {
  const t = type.replace(/\s+/g, ' ').trim();
  const opt = t.match(/^Option<(.*)>$/);
  const inner = opt ? opt[1] : t;
  const optional = opt !== null;
  const slice = inner.match(/^&(?:'\w+ )?(mut )?\[(\w+)\]$/);
  if (slice) return { kind: slice[2] === 'i32' ? 'int32s' : 'floats', optional, written: slice[1] !== undefined };
  const scalar: Record<string, BoundKind['kind']> = {
    usize: 'dim',
    F: 'number',
    bool: 'bool',
    CellKind: 'cell',
    HiddenActivation: 'activation',
    GateActivation: 'activation',
  };
  if (scalar[inner]) return { kind: scalar[inner], optional };
  throw new Error(`unexpected Rust argument type '${type}'`);
}

/** Fields of `pub struct <name><...> { pub a: T, ... }`, in order. */
export function rustStructFields(source: string, name: string): BoundArg[] {
  const m = mustMatch(new RegExp(`pub struct ${name}\\b[^{]*\\{([^}]*)\\}`), source, `struct ${name}`);
  return [...m[1].matchAll(/pub (\w+): ([^,\n]+),/g)].map((f) => ({ name: f[1], kind: rustTypeKind(f[2]) }));
}

/** Parameters of `pub fn <name><...>(a: T, ...)`, in order. */
export function rustFnParams(source: string, name: string): BoundArg[] {
  const m = mustMatch(new RegExp(`pub fn ${name}\\b(?:<[^>]*>)?\\(([^)]*)\\)`), source, `fn ${name}`);
  return [...m[1].matchAll(/(\w+): ([^,]+),?/g)].map((p) => ({ name: p[1], kind: rustTypeKind(p[2]) }));
}

/**
 * Parameters of an `extern "C" fn <name>(...)` (crates/wasm; `name` may be a macro
 * placeholder such as `$fwd`): each array is a pointer and its length, so a `<x>_len`
 * (or `len`) right after `<x>` is folded into it. Pointers say floats or int32s and whether they are
 * written; i32 codes (cell, booleans) say nothing about their kind.
 */
export function rustExternParams(source: string, name: string): BoundArg[] {
  const esc = name.replace(/[$]/g, '\\$');
  const m = mustMatch(new RegExp(`extern "C" fn ${esc}\\(([^)]*)\\)`), source, `extern "C" fn ${name}`);
  const params = [...m[1].matchAll(/(\w+): ([^,]+),?/g)].map((p) => ({ name: p[1], type: p[2].trim() }));
  const out: BoundArg[] = [];
  let afterPointer: string | null = null;
  for (const p of params) {
    if (afterPointer !== null && (p.name === `${afterPointer}_len` || p.name === 'len')) {
      afterPointer = null;
      continue;
    }
    afterPointer = /^\*/.test(p.type) ? p.name : null;
    const ptr = p.type.match(/^\*(const|mut) (\S+)$/);
    if (ptr) out.push({ name: p.name, kind: { kind: ptr[2] === 'i32' ? 'int32s' : 'floats', written: ptr[1] === 'mut' } });
    else if (p.type === 'i32') out.push({ name: p.name });
    else out.push({ name: p.name, kind: rustTypeKind(p.type === 'f64' ? 'F' : p.type) });
  }
  return out;
}
