// Run inside a project that installed the packed tarballs. Prints one JSON line: the
// backends @recur/core sees after importing @recur/native (when it is installed), and a
// small LSTM forward on each of them so a registered backend is also a working one.
import { getBackend, listBackends, lstmForward, RandomState, setBackend } from '@recur/core';

let native = null;
let importError = null;
try {
  native = await import('@recur/native');
} catch (e) {
  importError = e && typeof e === 'object' && 'code' in e ? e.code : String(e);
}

function lstmOn(backend) {
  setBackend(backend);
  const rng = new RandomState(1);
  const x = rng.randn(3, 10, 7);
  const a0 = rng.randn(5, 10);
  const p = {};
  for (const [k, shape] of [['Wf', [5, 8]], ['bf', [5, 1]], ['Wi', [5, 8]], ['bi', [5, 1]], ['Wo', [5, 8]], ['bo', [5, 1]],
    ['Wc', [5, 8]], ['bc', [5, 1]], ['Wy', [2, 5]], ['by', [2, 1]]]) p[k] = rng.randn(...shape);
  const { a, yPred } = lstmForward(x, a0, p);
  return { a: Array.from(a.data), y: Array.from(yPred.data), a436: a.get(4, 3, 6) };
}

const result = {
  importError,
  nativeAvailable: native ? native.available : null,
  nativeReason: native ? native.reason ?? null : null,
  backends: listBackends(),
  currentAfterImport: getBackend().name,
  runs: {},
};
for (const name of listBackends()) result.runs[name] = lstmOn(name);
if (result.runs.native) {
  const { a, y } = result.runs.ts;
  const diff = (u, v) => Math.max(...u.map((g, i) => Math.abs(g - v[i]) / (1 + Math.abs(v[i]))));
  result.nativeVsTs = Math.max(diff(result.runs.native.a, a), diff(result.runs.native.y, y));
}
for (const r of Object.values(result.runs)) { delete r.a; delete r.y; }
console.log(JSON.stringify(result));
