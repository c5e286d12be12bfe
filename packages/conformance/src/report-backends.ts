/**
 * vitest globalSetup: one line per run saying which backends the suite tests; for each one
 * that is not tested, why, and whether that fails the run. Those lines are printed again at
 * the end of the run, beside vitest's summary, where a skipped backend cannot be missed.
 */
import { loadBackendsUnderTest } from './backends.js';

export default async function reportBackends(): Promise<(() => void) | undefined> {
  const list = await loadBackendsUnderTest();
  const tested = list.filter((b) => b.backend !== null);
  const lines = [`recur conformance: testing backends ${tested.map((b) => (b.info ? `${b.name} (${b.info})` : b.name)).join(', ') || 'none'}`];
  for (const b of list.filter((x) => x.backend === null)) {
    const reason = (b.reason ?? '').replace(/\s*\n\s*/g, ' ');
    lines.push(b.required ? `recur conformance: ${b.name} is required but not available, so its tests FAIL: ${reason}` : `recur conformance: ${b.name} was NOT tested: ${reason}`);
  }
  for (const l of lines) console.log(l);
  return lines.length > 1 ? () => lines.forEach((l) => console.log(l)) : undefined;
}
