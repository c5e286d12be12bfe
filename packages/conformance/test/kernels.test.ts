// core's backend-agnostic kernel checks (gemm grid, softmax, rnn/lstm/gru whole-sequence
// forward and backward: naive oracle, finite differences, lengths, null optionals,
// saturation, empty shapes) on every backend. They call the backend directly, so no
// setBackend is needed. Both dtypes: gemm and softmax run in float64 and float32; the
// sequence kernels are checked against oracles in float64 and their float32 path against
// their own float64 result (finite differences in float32 would measure float32's noise).
import { describeKernelChecks } from '@recur/testkit/backend/kernel-checks';
import { describeBackends } from '../src/describe-backends.js';

describeBackends('kernel checks', (backend) => describeKernelChecks(backend));
