/**
 * Which backends a conformance run tests. By default every known one (ts, native, wasm);
 * `npm run conformance -- --backend <name | module path>` (bin/conformance.mjs passes it as
 * RECUR_CONFORMANCE_BACKEND) narrows it to that one, with ts kept as the reference that the
 * comparisons run against.
 */
export const KNOWN_BACKENDS = ['ts', 'native', 'wasm'] as const;
export type KnownBackend = (typeof KNOWN_BACKENDS)[number];

export type Selection = { kind: 'all' } | { kind: 'known'; name: KnownBackend } | { kind: 'module'; spec: string; cwd: string };

/** A value that is not one of the known names is a module path (./x.js, /abs/x.mjs, file:...). */
export function parseSelection(value: string | undefined, cwd: string): Selection {
  if (value === undefined || value === '' || value === 'all') return { kind: 'all' };
  if ((KNOWN_BACKENDS as readonly string[]).includes(value)) return { kind: 'known', name: value as KnownBackend };
  if (/^(\.{1,2}\/|\/|file:)/.test(value) || /\.[cm]?[jt]s$/.test(value)) return { kind: 'module', spec: value, cwd };
  throw new RangeError(`--backend must be one of ${KNOWN_BACKENDS.join(', ')} or a path to a module exporting a Backend, got '${value}'`);
}

export const SELECTION: Selection = parseSelection(process.env.RECUR_CONFORMANCE_BACKEND, process.env.RECUR_CONFORMANCE_CWD ?? process.cwd());

/** Whether the run tests `name` (a known backend) at all. */
export function selects(name: KnownBackend): boolean {
  return SELECTION.kind === 'all' || (SELECTION.kind === 'known' && SELECTION.name === name);
}
