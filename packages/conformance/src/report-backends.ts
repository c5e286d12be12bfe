/**
 * vitest globalSetup: one line per run saying which backends the suite tests; when native
 * is not among them, why, and whether that fails the run. That line is printed again at
 * the end of the run, beside vitest's summary, where a skipped backend cannot be missed.
 */
import { NATIVE_REQUIRED, loadNative } from './load-native.js';

export default async function reportBackends(): Promise<(() => void) | undefined> {
  const native = await loadNative();
  if (native.backend !== null) {
    const i = native.info;
    console.log(`recur conformance: testing backends ts and native${i ? ` (recur-node ${i.version}, ${i.isa}, ${i.threads} threads)` : ''}`);
    return undefined;
  }
  const reason = (native.reason ?? '').replace(/\s*\n\s*/g, ' ');
  const line = NATIVE_REQUIRED
    ? `recur conformance: RECUR_REQUIRE_NATIVE=1 but native is not available, so its tests FAIL: ${reason}`
    : `recur conformance: native was NOT tested (only ts): ${reason}`;
  console.log(line);
  return () => console.log(line);
}
