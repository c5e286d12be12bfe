import { describeKernelChecks } from '../testing/kernel-checks.js';
import { tsBackend } from './index.js';

describeKernelChecks(tsBackend);
