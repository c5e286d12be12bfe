/**
 * Option checks shared by every constructor that takes an options object (layers, models,
 * optimizers), so plain-JS callers get the errors TypeScript would have given them:
 * an unknown key is a TypeError naming it (with the closest known key as a suggestion),
 * a value out of range a RangeError naming the option and the value.
 */

/** Levenshtein distance (insert, delete, substitute), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}

/** The known key closest to `key`, when it is close enough to be a likely typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * `options` must be a plain object (or undefined when `optional`) whose own keys are all in
 * `known`. Returns it (or {}), typed as given.
 */
export function checkOptions<T extends object>(owner: string, options: T | undefined, known: readonly string[], optional = false): T {
  if (options === undefined && optional) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new TypeError(`${owner}: options must be an object, got ${got}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = suggestKey(key, known);
    throw new TypeError(
      `${owner}: unknown option '${key}'${hint ? `; did you mean '${hint}'?` : ''} (known options: ${known.join(', ')})`,
    );
  }
  return options;
}

/** An integer in [min, max] (max default: safe-integer range). */
export function intOption(owner: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new (typeof value === 'number' ? RangeError : TypeError)(`${owner}: ${name} must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw new RangeError(`${owner}: ${name} must be an integer ${range}, got ${value}`);
  }
  return value;
}

export interface NumberRange {
  min?: number;
  max?: number;
  /** Whether min / max themselves are excluded. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** A finite number within `range`. */
export function numberOption(owner: string, name: string, value: unknown, range: NumberRange = {}): number {
  if (typeof value !== 'number') throw new TypeError(`${owner}: ${name} must be a number, got ${describe(value)}`);
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  const low = minExclusive ? value <= min : value < min;
  const high = maxExclusive ? value >= max : value > max;
  if (!Number.isFinite(value) || low || high) {
    const lo = min === -Infinity ? '' : `${minExclusive ? '>' : '>='} ${min}`;
    const hi = max === Infinity ? '' : `${maxExclusive ? '<' : '<='} ${max}`;
    const where = [lo, hi].filter(Boolean).join(' and ');
    throw new RangeError(`${owner}: ${name} must be a finite number${where ? ` ${where}` : ''}, got ${value}`);
  }
  return value;
}

export function boolOption(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${owner}: ${name} must be a boolean, got ${describe(value)}`);
  return value;
}

/** One of `choices` (undefined gives `fallback`). */
export function enumOption<C extends string>(owner: string, name: string, value: unknown, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
  const hint = typeof value === 'string' ? suggestKey(value, choices) : undefined;
  throw new TypeError(
    `${owner}: ${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${describe(value)}${hint ? `; did you mean '${hint}'?` : ''}`,
  );
}

/** A seed: an integer in 0..2**32-1 (undefined gives `fallback`). */
export function seedOption(owner: string, value: unknown, fallback = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${owner}: seed must be an integer in 0..2**32-1, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
}
