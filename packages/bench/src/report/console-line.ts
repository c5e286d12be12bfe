/** One line per measurement on the console, printed as soon as it is measured. */
import { describeShape } from '../plan.js';
import type { Measurement } from '../results.js';
import { fmtGflops, fmtRatio, fmtTime, workLabel } from './format.js';

export function consoleLine(m: Measurement): string {
  const head = [m.system.padEnd(10), workLabel(m.item).padEnd(13), describeShape(m.item).padEnd(42), m.item.dtype, `${m.threads}t`].join(' ');
  if (m.status !== 'ok' || m.medianMs === undefined || m.bestMs === undefined) {
    return `${head}  ${m.status.toUpperCase()}${m.note ? `: ${m.note}` : ''}`;
  }
  const parts = [
    `median ${fmtTime(m.medianMs).padStart(9)}`,
    `best ${fmtTime(m.bestMs).padStart(9)}`,
    `N=${m.n}${m.inner && m.inner > 1 ? `×${m.inner}` : ''}`.padEnd(9),
    m.gflops === undefined ? '' : `${fmtGflops(m.gflops).padStart(6)} GFLOP/s`,
    m.vsNative1t === undefined ? '' : `${fmtRatio(m.vsNative1t).padStart(7)} native-1t's time`,
  ];
  return `${head}  ${parts.join('  ')}${m.note ? `  (${m.note})` : ''}`;
}
