import { describeKernelChecks } from '@recur/testkit/backend/kernel-checks';
import { tsBackend } from './index.ts';

describeKernelChecks(tsBackend);
