// Concurrency: the native kernels give bit-identical float64 (and float32) results however
// they are called: sequential sync calls on the main thread are the reference; async calls
// all in flight at once from many promises, sync and async calls from several worker
// threads (each importing @recur/native itself) running at the same time, and main-thread
// async calls racing with those workers must all produce the same bytes.
import { Worker } from 'node:worker_threads';
import type { FloatArray } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { NATIVE, assertNativeIfRequired } from '../src/backends.js';
import { makeJobs, outputsOf, runAsync, runSync, sameBits, type AsyncBackend, type Job } from '../src/concurrency/jobs.mjs';
import { tally } from '../src/tally.js';

const SEED = 901;
const skip = NATIVE.backend === null && process.env.RECUR_REQUIRE_NATIVE !== '1';
type Outputs = Record<string, FloatArray>[];

function native(): AsyncBackend {
  assertNativeIfRequired();
  return NATIVE.backend as AsyncBackend;
}

/** The reference: every job once, sync, one after another, on this thread. */
function sequential(jobs: Job[]): Outputs {
  return jobs.map((j) => {
    const args = j.makeArgs();
    runSync(native(), j, args);
    return outputsOf(j, args);
  });
}

async function allAtOnce(jobs: Job[]): Promise<Outputs> {
  const argsList = jobs.map((j) => j.makeArgs());
  await Promise.all(jobs.map((j, i) => runAsync(native(), j, argsList[i])));
  return jobs.map((j, i) => outputsOf(j, argsList[i]));
}

/** Names of the jobs (and outputs) whose bytes differ from the reference. */
function differences(jobs: Job[], want: Outputs, got: Outputs): string[] {
  const out: string[] = [];
  jobs.forEach((j, i) => {
    for (const [k, a] of Object.entries(want[i])) if (!got[i][k] || !sameBits(a, got[i][k])) out.push(`${j.name}: ${k}`);
    if (Object.keys(got[i]).length !== Object.keys(want[i]).length) out.push(`${j.name}: other outputs`);
  });
  return out;
}

function inWorker(mode: 'sync' | 'async', rounds: number): Promise<Outputs[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('../src/concurrency/worker.mjs', import.meta.url), { workerData: { seed: SEED, mode, rounds } });
    w.once('message', (m: { error?: string; results?: Outputs[] }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m.results!);
    });
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with ${code}`)); });
  });
}

describe.skipIf(skip)('concurrency: same bytes as sequential sync calls', () => {
  const jobs = makeJobs(SEED);

  it('sync calls repeat themselves (the reference is deterministic)', () => {
    expect(differences(jobs, sequential(jobs), sequential(jobs))).toEqual([]);
  });

  it(`async: all ${jobs.length} calls in flight at once, 3 rounds`, async () => {
    const want = sequential(jobs);
    for (let round = 0; round < 3; round++) expect(differences(jobs, want, await allAtOnce(jobs)), `round ${round}`).toEqual([]);
    tally('concurrency (async, worker_threads)', { scope: 'process', cases: 3, calls: 3 * jobs.length });
  });

  it('worker_threads: 2 sync and 2 async workers at once, with main-thread async calls racing them', async () => {
    const want = sequential(jobs);
    const rounds = 2;
    const [syncA, syncB, asyncA, asyncB, mainThread] = await Promise.all([
      inWorker('sync', rounds),
      inWorker('sync', rounds),
      inWorker('async', rounds),
      inWorker('async', rounds),
      (async () => [await allAtOnce(jobs), await allAtOnce(jobs)])(),
    ]);
    const runs = { syncA, syncB, asyncA, asyncB, mainThread };
    for (const [name, results] of Object.entries(runs)) {
      results.forEach((got, round) => expect(differences(jobs, want, got), `${name} round ${round}`).toEqual([]));
    }
    tally('concurrency (async, worker_threads)', { scope: 'process', cases: 5 * rounds, calls: 5 * rounds * jobs.length });
  });
});
