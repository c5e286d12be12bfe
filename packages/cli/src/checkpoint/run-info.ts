/**
 * Training progress saved next to the model: where the run is, what it trains on, and the
 * settings that shape its batches. Checked field by field on load: a checkpoint is untrusted input.
 */
import { accepts, expectation } from '../args/parse-flags.js';
import { ABSENT_IN_OLD_CHECKPOINTS, SETTING_FIELDS, SETTING_FLAGS, type SettingFlag } from '../args/setting-flags.js';
import type { ModelSettings } from '../args/train-args.js';

export interface DataSource {
  /** 'bundled': the names list shipped with @recur/cli (found wherever the package is installed). */
  source: 'bundled' | 'file';
  /** Absolute path for 'file'; '' for 'bundled'. */
  path: string;
  sha256: string;
  lines: number;
}

export interface RunInfo {
  /** Completed optimizer steps; the next batch is BatchOrder.indices(step). */
  step: number;
  /** Steps the run is meant to reach (a resume without --steps continues to it). */
  totalSteps: number;
  settings: ModelSettings;
  data: DataSource;
  /** Symbols in id order from id 1 (id 0 is the line boundary). */
  vocab: string[];
  /** Backend of the last training session (bit-identical resume holds on the same backend). */
  backend: string;
  /** Wall-clock seconds spent training, over all sessions. */
  trainSeconds: number;
}

function fail(what: string): never {
  throw new RangeError(what);
}

function int(obj: Record<string, unknown>, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) fail(`${key} must be an integer in ${min}..${max}, got ${JSON.stringify(v)}`);
  return v;
}

function str(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string') fail(`${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, values: readonly T[]): T {
  const v = obj[key];
  if (!values.includes(v as T)) fail(`${key} must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/** Every setting, in the range its flag accepts (one declaration: SETTING_FLAGS). */
function settings(s: Record<string, unknown>): ModelSettings {
  const out: Record<string, unknown> = {};
  for (const flag of Object.keys(SETTING_FLAGS) as SettingFlag[]) {
    const field = SETTING_FIELDS[flag];
    const v = s[field];
    if (v === undefined && ABSENT_IN_OLD_CHECKPOINTS.has(flag)) continue;
    if (!accepts(SETTING_FLAGS[flag], v)) fail(`run.settings.${field} must be ${expectation(SETTING_FLAGS[flag])} (as --${flag}), got ${JSON.stringify(v)}`);
    out[field] = v;
  }
  return out as unknown as ModelSettings;
}

/** Rebuilds a RunInfo from parsed JSON, rejecting anything out of shape (RangeError). */
export function checkRunInfo(json: unknown): RunInfo {
  const r = record(json, 'run');
  const s = record(r.settings, 'run.settings');
  const d = record(r.data, 'run.data');
  const vocab = r.vocab;
  if (!Array.isArray(vocab) || vocab.some((c) => typeof c !== 'string' || [...c].length !== 1)) fail('vocab must be an array of single symbols');
  if (new Set(vocab).size !== vocab.length) fail('vocab has repeated symbols');
  const trainSeconds = r.trainSeconds;
  if (typeof trainSeconds !== 'number' || !(trainSeconds >= 0) || !Number.isFinite(trainSeconds)) fail(`trainSeconds must be a number >= 0, got ${JSON.stringify(trainSeconds)}`);
  const sha256 = str(d, 'sha256');
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`data.sha256 must be 64 hex digits, got ${JSON.stringify(sha256)}`);
  const info: RunInfo = {
    step: int(r, 'step', 0),
    totalSteps: int(r, 'totalSteps', 1),
    settings: settings(s),
    data: { source: oneOf(d, 'source', ['bundled', 'file'] as const), path: str(d, 'path'), sha256, lines: int(d, 'lines', 1) },
    vocab: vocab as string[],
    backend: str(r, 'backend'),
    trainSeconds,
  };
  if (info.data.source === 'file' && info.data.path.length === 0) fail('data.path is empty for a file source');
  if (info.step > info.totalSteps) fail(`run.step ${info.step} is past run.totalSteps ${info.totalSteps}`);
  return info;
}
