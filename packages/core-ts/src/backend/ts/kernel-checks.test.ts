import { describeKernelChecks } from '../testing/kernel-checks.ts';
import { tsBackend } from './index.ts';

describeKernelChecks(tsBackend);
