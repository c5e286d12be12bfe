// A worker thread of test/concurrency.test.ts: imports @recur/native itself, runs every job
// of makeJobs(seed) (mode 'sync': one after another; 'async': all at once on the libuv
// pool) and posts the output arrays back (transferred).
import { parentPort, workerData } from 'node:worker_threads';
import { available, nativeBackend, reason } from '@recur/native';
import { makeJobs, outputsOf, runAsync, runSync } from './jobs.mjs';

if (!available) {
  parentPort.postMessage({ error: `native not available in a worker: ${reason}` });
} else {
  const { seed, mode, rounds } = workerData;
  const jobs = makeJobs(seed);
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const argsList = jobs.map((j) => j.makeArgs());
    if (mode === 'async') await Promise.all(jobs.map((j, i) => runAsync(nativeBackend, j, argsList[i])));
    else jobs.forEach((j, i) => runSync(nativeBackend, j, argsList[i]));
    results.push(jobs.map((j, i) => outputsOf(j, argsList[i])));
  }
  const transfer = results.flatMap((round) => round.flatMap((outs) => Object.values(outs).map((a) => a.buffer)));
  parentPort.postMessage({ results }, transfer);
}
