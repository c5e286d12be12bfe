// Deno consuming the npm tarball from a project's node_modules (no JSR, no network).
import { getBackend, lstmForward, RandomState } from '@recur/core';

const rng = new RandomState(1);
const x = rng.randn(3, 10, 7);
const a0 = rng.randn(5, 10);
const p = {};
for (const [k, shape] of [['Wf', [5, 8]], ['bf', [5, 1]], ['Wi', [5, 8]], ['bi', [5, 1]], ['Wo', [5, 8]], ['bo', [5, 1]],
  ['Wc', [5, 8]], ['bc', [5, 1]], ['Wy', [2, 5]], ['by', [2, 1]]]) p[k] = rng.randn(...shape);
console.log(JSON.stringify({ runtime: typeof Deno === 'undefined' ? 'other' : 'deno', backend: getBackend().name, a436: lstmForward(x, a0, p).a.get(4, 3, 6) }));
