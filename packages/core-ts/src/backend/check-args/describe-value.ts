/**
 * How a wrong argument is named in kernel error messages, word for word as the native
 * addon does (crates/node/src/napi.rs `describe`), so every backend refuses bad input with
 * the same message.
 */

const TYPED_ARRAY_NAMES = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
] as const;

/** A number as the native addon prints it: integers in full, NaN, Infinity. */
export function jsNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return BigInt(x).toString();
  return String(x);
}

function withArticle(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** The name of a typed array's kind (Float64Array, ...), or undefined for anything else. */
export function typedArrayName(v: unknown): string | undefined {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return undefined;
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  return (TYPED_ARRAY_NAMES as readonly string[]).includes(tag) ? tag : undefined;
}

/** "undefined", "null", "a string", "the number 1", "an Int8Array", "an Array", "an object", ... */
export function describe(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return `the number ${jsNumber(v)}`;
    case 'string':
      return 'a string';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'bigint':
      return 'a bigint';
    default: {
      if (v === null) return 'null';
      const kind = typedArrayName(v);
      if (kind !== undefined) return withArticle(kind);
      return Array.isArray(v) ? 'an Array' : 'an object';
    }
  }
}
