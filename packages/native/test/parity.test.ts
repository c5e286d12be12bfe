/** The native kernels against the ts reference backend (see parity-suite.ts). */
import { nativeBackend, skipNative } from './native-under-test.js';
import { describeParityWithTs } from './parity-suite.js';

describeParityWithTs('native', nativeBackend, skipNative);
