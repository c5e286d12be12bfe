/**
 * Starts every system's worker, then measures item by item, each item on every system one
 * after another (never two at once: they would share the cores). Interleaving by item keeps
 * the systems' numbers for one item seconds apart, so load from other jobs on a shared
 * machine drifts less between them than it would between whole per-system runs. Each time
 * is related to recur native's 1-thread time on the same item, measured first.
 */
import { DTYPES, type Item } from './plan.js';
import { basisMs, type Measurement, type RatioBasis, type SystemInfo } from './results.js';
import type { SystemSpec } from './systems/registry.js';
import { measureItem, type TimingOptions } from './timing.js';
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
      let base: Measurement | undefined;
      for (const r of running) {
        const { spec, mine } = r;
        if (spec.dtypes && !spec.dtypes.includes(item.dtype)) continue; // see SystemSpec.dtypes
        const outcome = r.client.alive ? await measureItem(r.client, item, mine, o.timing) : { status: 'error' as const, note: 'worker could not be restarted' };
        if (r.client.alive) await r.client.request({ op: 'release' });
        else r.client = (await r.restart()) ?? r.client;
        const m: Measurement = { system: spec.id, label: spec.label, threads: spec.threads, item, ...outcome };
        const ms = basisMs(m, o.basis);
        if (m.status === 'ok' && ms !== undefined) {
          m.gflops = item.flops / (ms * 1e6);
          if (spec.id === BASELINE) base = m;
          const baseMs = base && basisMs(base, o.basis);
          if (baseMs !== undefined) m.vsNative1t = ms / baseMs;
        }
        mine.set(item.id, m);
        measurements.push(m);
        o.onMeasurement(m);
      }
    }
  } finally {
    await Promise.all(running.map((r) => r.client.close()));
  }
  return { systems, measurements };
}
