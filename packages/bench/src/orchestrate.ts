/**
 * Runs every system's worker over the same items, one system at a time (they would
 * otherwise share the cores), and relates each time to recur native's 1-thread time on
 * the same item, which runs first.
 */
import type { Item } from './plan.js';
import type { Measurement, SystemInfo } from './results.js';
import type { SystemSpec } from './systems/registry.js';
import { measureItem, type TimingOptions } from './timing.js';
import { WorkerClient } from './worker-client.js';

export const BASELINE = 'native-1t';

export interface RunOptions {
  items: readonly Item[];
  systems: readonly SystemSpec[];
  timing: TimingOptions;
  verbose: boolean;
  log: (line: string) => void;
  onMeasurement: (m: Measurement) => void;
}

export async function runAll(o: RunOptions): Promise<{ systems: SystemInfo[]; measurements: Measurement[] }> {
  const systems: SystemInfo[] = [];
  const measurements: Measurement[] = [];
  const baseline = new Map<string, Measurement>();
  for (const spec of o.systems) {
    const started = Date.now();
    const base = { id: spec.id, label: spec.label, threads: spec.threads };
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
    const mine = new Map<string, Measurement>();
    for (const item of o.items) {
      const outcome = await measureItem(client, item, mine, o.timing);
      const m: Measurement = { system: spec.id, label: spec.label, threads: spec.threads, item, ...outcome };
      if (m.status === 'ok' && m.medianMs !== undefined) {
        m.gflops = item.flops / (m.medianMs * 1e6);
        const b = baseline.get(item.id);
        if (b?.medianMs !== undefined) m.vsNative1t = m.medianMs / b.medianMs;
        if (spec.id === BASELINE) {
          baseline.set(item.id, m);
          m.vsNative1t = 1;
        }
      }
      mine.set(item.id, m);
      measurements.push(m);
      o.onMeasurement(m);
    }
    await client.close();
    o.log(`${spec.id.padEnd(10)} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return { systems, measurements };
}
