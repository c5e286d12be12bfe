/**
 * Kernel argument lists as the JS side of a binding spells them: labelled tuple types and
 * method parameters in TypeScript source (read as text), and what an unpacking function
 * actually passes (recorded by calling it on an argument object whose every field holds
 * its own name).
 */
import type { KernelName } from '@recur/core';
import { signature } from './compare.js';

/** Labels of `export type <name> = [a: A, b: B, ...];` */
export function tupleLabels(source: string, typeName: string): string[] {
  const m = source.match(new RegExp(`export type ${typeName} = \\[([^\\]]*)\\];`));
  if (!m) throw new Error(`cannot find the tuple type ${typeName}`);
  return [...m[1].matchAll(/(?:^|,)\s*(\w+)\s*:/g)].map((x) => x[1]);
}

/** Parameter names of the first `<method>(a: A, b: B): ...` in `source`. */
export function methodParams(source: string, method: string): string[] {
  const m = source.match(new RegExp(`\\b${method}\\(([^)]*)\\)\\s*:`));
  if (!m) throw new Error(`cannot find the method ${method}(...)`);
  return [...m[1].matchAll(/(?:^|,)\s*(\w+)\s*:/g)].map((x) => x[1]);
}

/** An argument object for `kernel` whose field values are their own names. */
export function namedArgs(kernel: KernelName): Record<string, string> {
  return Object.fromEntries(signature(kernel).map((a) => [a.name, a.name]));
}

/**
 * What `call(namedArgs(kernel), record)` hands on positionally: `call` invokes the binding
 * under test with `record` standing in for the foreign function. A value that is not one of
 * the names (a binding that converts or invents an argument) is reported as `<value>`.
 */
export function recordPositional(kernel: KernelName, call: (args: Record<string, string>, record: (...p: unknown[]) => void) => void): string[] {
  let seen: unknown[] | null = null;
  call(namedArgs(kernel), (...p) => {
    seen = p;
  });
  if (seen === null) throw new Error(`the ${kernel} binding never called through`);
  const names = new Set(signature(kernel).map((a) => a.name));
  return (seen as unknown[]).map((v) => (typeof v === 'string' && names.has(v) ? v : `<${String(v)}>`));
}

/**
 * The positional list a Backend object literal builds for `kernel`: the array literal in
 * `<kernel>: (...) => <helper>(get(), [a.x, a.y, a.cell, ...])`, or with the machine
 * as a parameter, `on((m) => <helper>(m, [...]))` (packages/wasm's backend.ts), as field names.
 */
export function objectLiteralCall(source: string, kernel: KernelName): string[] {
  const m = source.match(new RegExp(`\\b${kernel}: \\([^)]*\\) =>[\\s\\S]*?\\((?:get\\(\\)|\\w+), \\[([^\\]]*)\\]`));
  if (!m) throw new Error(`cannot find the ${kernel} call's argument list`);
  return m[1].split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => s.replace(/^\w+\((.*)\)$/, '$1').replace(/^a\./, ''));
}
