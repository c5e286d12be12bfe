// encodeSafetensors / decodeSafetensors as functions: random tensor sets round-trip bit for
// bit; malformed arguments and non-safetensors bytes throw TypeError / RangeError.
import { it } from 'vitest';
import { assertRequiredBackends } from '../src/backends.js';
import { safetensorsCase, safetensorsSpec } from '../src/cases/safetensors-cases.js';
import { runFuzz } from '../src/fuzz.js';

it('encodeSafetensors / decodeSafetensors: round trips and malformed arguments', () => {
  assertRequiredBackends();
  runFuzz('safetensors encode/decode', safetensorsSpec, safetensorsCase, { seed: 701, numRuns: 600 });
});
