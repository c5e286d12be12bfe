/**
 * Starts every system's worker, then measures item by item. Within an item the systems take
 * turns call by call (see measureInTurns; never two at once: they would share the cores),
 * so the ratios between systems of one item are not decided by load drifting on a shared
 * machine between one system's run and the next. Each time is related to recur native's
 * 1-thread time on the same item.
 */
import { DTYPES, type Item } from './plan.js';
import { basisMs, type Measurement, type RatioBasis, type SystemInfo } from './results.js';
import type { SystemSpec } from './systems/registry.js';
import { startItem, timedOutcome, timeSample, type Outcome, type TimingOptions } from './timing.js';
import { WorkerClient } from './worker-client.js';

export const BASELINE = 'native-1t';

export interface RunOptions {
  items: readonly Item[];
  systems: readonly SystemSpec[];
  timing: TimingOptions;
  basis: RatioBasis;
  verbose: boolean;
  log: (line: string) => void;
  onMeasurement: (m: Measurement) => void;
}

interface Running {
  spec: SystemSpec;
  client: WorkerClient;
  /** Starts a fresh worker (after one was killed for running over the cap). */
  restart: () => Promise<WorkerClient | null>;
  mine: Map<string, Measurement>;
}

async function start(o: RunOptions): Promise<{ systems: SystemInfo[]; running: Running[] }> {
  const systems: SystemInfo[] = [];
  const running: Running[] = [];
  for (const spec of o.systems) {
    const base = { id: spec.id, label: spec.label, threads: spec.threads, dtypes: [...(spec.dtypes ?? DTYPES)] };
    const cmd = spec.command();
    if ('missing' in cmd) {
      systems.push({ ...base, status: 'missing', reason: cmd.missing });
      o.log(`${spec.id.padEnd(10)} MISSING: ${cmd.missing}`);
      continue;
    }
    const client = new WorkerClient(cmd, o.verbose);
    const hello = await client.request({ op: 'hello' });
    if (!hello.ok) {
      const reason = hello.missing ?? hello.error ?? 'unknown';
      systems.push({ ...base, status: 'missing', reason });
      o.log(`${spec.id.padEnd(10)} MISSING: ${reason}`);
      await client.close();
      continue;
    }
    systems.push({ ...base, status: 'ok', version: hello.version, details: hello.details });
    o.log(`${spec.id.padEnd(10)} ${spec.label} ${hello.version ?? ''} ${JSON.stringify(hello.details ?? {})}`);
    const restart = async (): Promise<WorkerClient | null> => {
      const fresh = new WorkerClient(cmd, o.verbose);
      if ((await fresh.request({ op: 'hello' })).ok) return fresh;
      await fresh.close();
      return null;
    };
    running.push({ spec, client, restart, mine: new Map() });
  }
  return { systems, running };
}

export async function runAll(o: RunOptions): Promise<{ systems: SystemInfo[]; measurements: Measurement[] }> {
  const { systems, running } = await start(o);
  const measurements: Measurement[] = [];
  try {
    const t0 = Date.now();
    for (const item of o.items) {
      const s = Math.round((Date.now() - t0) / 1000);
      o.log(`\n[${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}] ${item.id}`);
      const mine = running.filter((r) => !r.spec.dtypes || r.spec.dtypes.includes(item.dtype)); // see SystemSpec.dtypes
      const outcomes = await measureInTurns(mine, item, o);
      let base: Measurement | undefined;
      mine.forEach((r, i) => {
        const { spec } = r;
        const m: Measurement = { system: spec.id, label: spec.label, threads: spec.threads, item, ...outcomes[i] };
        const ms = basisMs(m, o.basis);
        if (m.status === 'ok' && ms !== undefined) {
          m.gflops = item.flops / (ms * 1e6);
          if (spec.id === BASELINE) base = m;
          const baseMs = base && basisMs(base, o.basis);
          if (baseMs !== undefined) m.vsNative1t = ms / baseMs;
        }
        r.mine.set(item.id, m);
        measurements.push(m);
        o.onMeasurement(m);
      });
    }
  } finally {
    await Promise.all(running.map((r) => r.client.close()));
  }
  return { systems, measurements };
}

/**
 * Every system prepares the item and makes its warm-up call; then the timed samples are
 * taken in turns, one sample per system per round (each system's own calls per sample),
 * so that load drifting on the machine hits all systems of the item alike. Systems never
 * run at once: one request at a time. A system that is done (or failed) drops out.
 */
async function measureInTurns(mine: readonly Running[], item: Item, o: RunOptions): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = [];
  const plans: ({ reps: number; inner: number; samples: number[] } | undefined)[] = [];
  for (const r of mine) {
    if (!r.client.alive) {
      outcomes.push({ status: 'error', note: 'worker could not be restarted' });
      plans.push(undefined);
      continue;
    }
    const started = await startItem(r.client, item, r.mine, o.timing);
    if ('outcome' in started) {
      outcomes.push(started.outcome);
      plans.push(undefined);
    } else {
      outcomes.push(undefined);
      plans.push({ ...started.plan, samples: [] });
    }
  }
  for (let round = 0; plans.some((p) => p && p.samples.length < p.reps); round++) {
    for (let i = 0; i < mine.length; i++) {
      const p = plans[i];
      if (!p || p.samples.length >= p.reps) continue;
      const t = await timeSample(mine[i].client, p.inner, o.timing);
      if (typeof t === 'number') p.samples.push(t);
      else {
        outcomes[i] = { status: 'error', note: t.error };
        plans[i] = undefined;
      }
    }
  }
  for (let i = 0; i < mine.length; i++) {
    const r = mine[i];
    const p = plans[i];
    if (p) outcomes[i] = timedOutcome(p.samples, p.inner);
    if (r.client.alive) await r.client.request({ op: 'release' });
    else r.client = (await r.restart()) ?? r.client;
  }
  return outcomes.map((x) => x ?? { status: 'error', note: 'not measured' });
}
