/**
 * loss.svg: a self-contained line chart (no dependencies, no scripts): the raw per-step loss
 * in a light line, the smoothed loss on top, round-number axes, a title and a legend.
 * Long runs are reduced to at most MAX_POINTS points by averaging consecutive steps.
 */
import { formatTick, niceTicks } from './nice-ticks.js';
import { SMOOTHING } from './smooth.js';

const W = 720;
const H = 400;
const M = { left: 64, right: 24, top: 48, bottom: 52 };
const MAX_POINTS = 1200;
const RAW = '#9ecae1';
const SMOOTH = '#08519c';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** [step, value] pairs, bucket-averaged to at most MAX_POINTS; non-finite values split the line. */
function series(values: ArrayLike<number>): Array<Array<[number, number]>> {
  const n = values.length;
  const bucket = Math.max(1, Math.ceil(n / MAX_POINTS));
  const segments: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let start = 0; start < n; start += bucket) {
    let sum = 0;
    let count = 0;
    const end = Math.min(n, start + bucket);
    for (let i = start; i < end; i++) if (Number.isFinite(values[i])) { sum += values[i]; count++; }
    if (count === 0) {
      if (current.length) segments.push(current);
      current = [];
      continue;
    }
    current.push([(start + end + 1) / 2, sum / count]);
  }
  if (current.length) segments.push(current);
  return segments;
}

export interface LossPlotOptions {
  title: string;
  subtitle?: string;
}

export function lossSvg(losses: ArrayLike<number>, smoothed: ArrayLike<number>, options: LossPlotOptions): string {
  const raw = series(losses);
  const smooth = series(smoothed);
  const ys = [...raw, ...smooth].flat().map(([, y]) => y);
  const n = losses.length;
  let lo = ys.length ? Math.min(...ys) : 0;
  let hi = ys.length ? Math.max(...ys) : 1;
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x0 = 1;
  const x1 = Math.max(2, n);
  const px = (x: number): number => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((y - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const f = (v: number): string => v.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="22" font-size="15" font-weight="bold" fill="#222">${esc(options.title)}</text>`);
  if (options.subtitle) out.push(`<text x="${M.left}" y="38" fill="#666">${esc(options.subtitle)}</text>`);
  // Grid and y ticks.
  for (const t of niceTicks(lo, hi)) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f(py(t))}" y2="${f(py(t))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${f(py(t) + 4)}" text-anchor="end" fill="#444">${formatTick(t)}</text>`);
  }
  for (const t of niceTicks(x0, x1).filter((t) => Number.isInteger(t))) {
    out.push(`<line x1="${f(px(t))}" x2="${f(px(t))}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#444"/>`);
    out.push(`<text x="${f(px(t))}" y="${H - M.bottom + 19}" text-anchor="middle" fill="#444">${formatTick(t)}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#444"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#444"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle" fill="#222">step</text>`);
  out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#222">loss (nats per symbol)</text>`);
  const line = (segs: Array<Array<[number, number]>>, color: string, width: number): void => {
    for (const seg of segs) {
      if (seg.length === 1) {
        out.push(`<circle cx="${f(px(seg[0][0]))}" cy="${f(py(seg[0][1]))}" r="${width + 1}" fill="${color}"/>`);
      } else {
        const pts = seg.map(([x, y]) => `${f(px(x))},${f(py(y))}`).join(' ');
        out.push(`<polyline fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" points="${pts}"/>`);
      }
    }
  };
  line(raw, RAW, 1);
  line(smooth, SMOOTH, 2);
  // Legend, top right.
  const lx = W - M.right - 200;
  out.push(`<rect x="${lx}" y="${M.top + 6}" width="192" height="44" fill="#ffffff" fill-opacity="0.85" stroke="#ddd"/>`);
  out.push(`<line x1="${lx + 10}" x2="${lx + 34}" y1="${M.top + 22}" y2="${M.top + 22}" stroke="${RAW}" stroke-width="2"/>`);
  out.push(`<text x="${lx + 42}" y="${M.top + 26}" fill="#222">loss of each step's batch</text>`);
  out.push(`<line x1="${lx + 10}" x2="${lx + 34}" y1="${M.top + 40}" y2="${M.top + 40}" stroke="${SMOOTH}" stroke-width="2"/>`);
  out.push(`<text x="${lx + 42}" y="${M.top + 44}" fill="#222">smoothed (EMA ${SMOOTHING})</text>`);
  if (n === 0) out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#888">no steps yet</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
