/**
 * vitest globalSetup: one line per run saying which backends the suite tests, and, when
 * native is not among them, why (and whether that fails the run).
 */
import { NATIVE_REQUIRED, loadNative } from './load-native.js';

export default async function reportBackends(): Promise<void> {
  const native = await loadNative();
  if (native.backend !== null) {
    const i = native.info;
    console.log(`recur conformance: testing backends ts and native${i ? ` (recur-node ${i.version}, ${i.isa}, ${i.threads} threads)` : ''}`);
  } else if (NATIVE_REQUIRED) {
    console.log(`recur conformance: RECUR_REQUIRE_NATIVE=1 but native is not available, so its tests FAIL: ${native.reason}`);
  } else {
    console.log(`recur conformance: native was NOT tested (only ts): ${native.reason}`);
  }
}
