/**
 * The package as tests see it. If the addon is unavailable the native tests are skipped
 * with a printed reason, except under RECUR_REQUIRE_NATIVE=1 (set by CI), where importing
 * the package already throws and every test file fails.
 */
import * as native from '../src/index.js';

export const required = process.env.RECUR_REQUIRE_NATIVE === '1';
export const { available, reason, rawAddon, nativeBackend } = native;
export const skipNative = !available;

if (skipNative) {
  console.warn(`@recur/native tests: addon unavailable, native tests skipped: ${reason}`);
}
