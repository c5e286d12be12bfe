/**
 * A small strict flag parser: `--name value` or `--name=value`, booleans as bare `--name`.
 * Unknown, repeated or malformed flags and stray positional arguments are UsageErrors that
 * name the flag, what it expects and what it got.
 */
import { UsageError } from '../cli-error.js';

/** `arg` names the value in --help (default N for numbers, VALUE for strings). */
export type FlagSpec =
  | { kind: 'int'; min: number; max?: number; help: string; arg?: string }
  | { kind: 'number'; min: number; minExclusive?: boolean; max?: number; help: string; arg?: string }
  | { kind: 'string'; help: string; arg?: string }
  | { kind: 'enum'; values: readonly string[]; help: string }
  | { kind: 'boolean'; help: string };

export type FlagValue = number | string | boolean;
export type FlagSpecs = Record<string, FlagSpec>;

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function shown(raw: string): string {
  return JSON.stringify(raw);
}

/** What a valid value of `spec` is, in words: "an integer in 1..16", "a number > 0 and <= 10", ... */
export function expectation(spec: FlagSpec): string {
  switch (spec.kind) {
    case 'int':
      return `an integer ${spec.max === undefined ? `>= ${spec.min}` : `in ${spec.min}..${spec.max}`}`;
    case 'number':
      return `a number ${spec.minExclusive ? '>' : '>='} ${spec.min}${spec.max === undefined ? '' : ` and <= ${spec.max}`}`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'string':
      return 'a non-empty string';
    case 'boolean':
      return 'true or false';
  }
}

/** Whether an already-typed value (a parsed flag, or a field read from a checkpoint) is in `spec`'s range. */
export function accepts(spec: FlagSpec, v: unknown): boolean {
  switch (spec.kind) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= spec.min && (spec.max === undefined || v <= spec.max);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (spec.minExclusive ? v > spec.min : v >= spec.min) && (spec.max === undefined || v <= spec.max);
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v);
    case 'string':
      return typeof v === 'string' && v.length > 0;
    case 'boolean':
      return typeof v === 'boolean';
  }
}

function parseValue(flag: string, spec: FlagSpec, raw: string): FlagValue {
  switch (spec.kind) {
    case 'int':
    case 'number': {
      const v = Number(raw);
      if (!(spec.kind === 'int' ? INT : DECIMAL).test(raw) || !accepts(spec, v)) throw new UsageError(`--${flag} must be ${expectation(spec)}, got ${shown(raw)}`);
      return v;
    }
    case 'enum':
      if (!accepts(spec, raw)) throw new UsageError(`--${flag} must be ${expectation(spec)}, got ${shown(raw)}`);
      return raw;
    case 'string':
      if (raw.length === 0) throw new UsageError(`--${flag} must not be empty`);
      return raw;
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new UsageError(`--${flag} takes no value (or =true/=false), got ${shown(raw)}`);
  }
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

function unknownFlag(command: string, name: string, specs: FlagSpecs): UsageError {
  const close = Object.keys(specs)
    .map((k) => [k, distance(name, k)] as const)
    .filter(([, d]) => d <= 2)
    .sort((x, y) => x[1] - y[1])[0];
  const hint = close ? ` (did you mean --${close[0]}?)` : '';
  return new UsageError(`unknown flag --${name} for 'recur ${command}'${hint}; see 'recur ${command} --help'`);
}

/** Parses `argv` (after the command word) against `specs`; returns only the flags given. */
export function parseFlags(command: string, argv: readonly string[], specs: FlagSpecs): Map<string, FlagValue> {
  const out = new Map<string, FlagValue>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument ${shown(arg)} for 'recur ${command}' (flags look like --name value)`);
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs[name];
    if (!spec) throw unknownFlag(command, name, specs);
    if (out.has(name)) throw new UsageError(`--${name} is given more than once`);
    let raw: string;
    if (eq >= 0) {
      raw = arg.slice(eq + 1);
    } else if (spec.kind === 'boolean') {
      raw = 'true';
    } else {
      const next = argv[i + 1];
      // A value may start with '-' (a negative number is still rejected by its range), but not '--'.
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value: ${spec.help}`);
      raw = next;
      i++;
    }
    out.set(name, parseValue(name, spec, raw));
  }
  return out;
}

/** The help lines of a flag table, aligned. */
export function describeFlags(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const arg = spec.kind === 'boolean' ? '' : spec.kind === 'enum' ? ` ${spec.values.join('|')}` : ` ${spec.arg ?? (spec.kind === 'string' ? 'VALUE' : 'N')}`;
    return [`  --${name}${arg}`, spec.help] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, h]) => l.padEnd(width) + h).join('\n');
}
