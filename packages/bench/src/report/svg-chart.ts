/**
 * results/chart.svg, written by hand (no dependency): GFLOP/s of every system on the big
 * shape (f32; big at T=10 where the full T was over the cap) for each cell and work, and on
 * two GEMMs, as horizontal bars on a log scale (the systems span three orders of magnitude).
 */
import { CELLS, gemmId, recurrentId, WORKS } from '../plan.js';
import type { Measurement } from '../results.js';
import { find, ok, type ResultsDocument } from './document.js';
import { fmtGflops, fmtRatio } from './format.js';

interface Bar {
  system: string;
  /** null: no bar, only the label (a timeout, say). */
  gflops: number | null;
  label: string;
}

interface Group {
  title: string;
  bars: Bar[];
}

const COLORS: Record<string, string> = {
  native: '#c0392b',
  ts: '#e67e22',
  numpy: '#2c7fb8',
  torch: '#8e44ad',
  tfjs: '#27ae60',
  ort: '#16a085',
};

function color(system: string): string {
  return COLORS[system.split('-')[0]] ?? '#7f8c8d';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function bar(m: Measurement, shapeNote: string): Bar | null {
  if (!ok(m) || m.gflops === undefined) return null;
  const ratio = m.vsNative1t === undefined ? '' : `, ${fmtRatio(m.vsNative1t)} native-1t's time`;
  return { system: m.system, gflops: m.gflops, label: `${fmtGflops(m.gflops)} GFLOP/s${shapeNote}${ratio}` };
}

function noBar(m: Measurement, at: string): Bar {
  const why = m.killedAfterSec !== undefined ? `a call ran over the ${m.killedAfterSec} s cap${at}` : m.status === 'timeout' ? `not run${at}: predicted over the cap` : m.status;
  return { system: m.system, gflops: null, label: `${m.status === 'timeout' ? 'timeout' : m.status}: ${why}` };
}

function groups(doc: ResultsDocument): Group[] {
  const out: Group[] = [];
  const systems = doc.systems.filter((s) => s.status === 'ok').map((s) => s.id);
  for (const cell of CELLS) {
    for (const work of WORKS) {
      const bars: Bar[] = [];
      for (const sys of systems) {
        const big = find(doc, sys, recurrentId(cell, work, 'big', 'f32'));
        const t10 = find(doc, sys, recurrentId(cell, work, 'big-T10', 'f32'));
        const b = (big && bar(big, '')) ?? (t10 && bar(t10, ' (T=10)'));
        if (b) bars.push(b);
        else if (t10 && t10.status !== 'unsupported') bars.push(noBar(t10, ' at T=10'));
      }
      if (bars.length) out.push({ title: `${cell.toUpperCase()} ${work}, X256 H512 B64 T100, f32`, bars });
    }
  }
  for (const shape of ['1024', 'lstm-input-projection']) {
    const bars = systems.flatMap((sys) => {
      const m = find(doc, sys, gemmId(shape, 'f32'));
      const b = m && bar(m, '');
      return b ? [b] : m && m.status !== 'unsupported' ? [noBar(m, '')] : [];
    });
    if (bars.length) out.push({ title: `GEMM ${shape}, f32`, bars });
  }
  return out;
}

export function renderChart(doc: ResultsDocument): string {
  const gs = groups(doc);
  const all = gs.flatMap((g) => g.bars.flatMap((b) => (b.gflops === null ? [] : [b.gflops])));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(1e-3, Math.min(...all, 1)))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all, 10))));
  const left = 110;
  const barW = 520;
  const width = left + barW + 300;
  const rowH = 16;
  const x = (g: number) => left + (barW * Math.log10(Math.max(g, lo) / lo)) / Math.log10(hi / lo);
  const parts: string[] = [];
  let y = 46;
  for (const g of gs) {
    parts.push(`<text x="8" y="${y + 12}" font-weight="bold">${esc(g.title)}</text>`);
    y += 20;
    for (const b of g.bars) {
      const w = b.gflops === null ? 0 : Math.max(1, x(b.gflops) - left);
      parts.push(`<text x="${left - 6}" y="${y + 11}" text-anchor="end">${esc(b.system)}</text>`);
      if (b.gflops !== null) parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 3}" fill="${color(b.system)}"/>`);
      parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + 11}"${b.gflops === null ? ' fill="#777"' : ''}>${esc(b.label)}</text>`);
      y += rowH;
    }
    y += 10;
  }
  const grid: string[] = [];
  for (let v = lo; v <= hi * 1.001; v *= 10) {
    const gx = x(v).toFixed(1);
    grid.push(`<line x1="${gx}" y1="40" x2="${gx}" y2="${y}" stroke="#ddd"/>`);
    grid.push(`<text x="${gx}" y="${y + 14}" text-anchor="middle" fill="#555">${v >= 1 ? v.toFixed(0) : v}</text>`);
  }
  const peak = doc.machine.peakPerCore;
  if (peak) {
    const px = x(peak.f32).toFixed(1);
    grid.push(`<line x1="${px}" y1="40" x2="${px}" y2="${y}" stroke="#333" stroke-dasharray="4 3"/>`);
    grid.push(`<text x="${px}" y="36" text-anchor="middle" fill="#333">1-core f32 peak ${fmtGflops(peak.f32)}</text>`);
  }
  const height = y + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${esc(`recur bench: GFLOP/s (log scale), ${doc.machine.cpu}, ${doc.date.slice(0, 10)}`)}</text>`,
    ...grid,
    ...parts,
    `<text x="${left + barW / 2}" y="${height - 6}" text-anchor="middle" fill="#555">GFLOP/s (nominal GEMM FLOPs), higher is better</text>`,
    '</svg>',
    '',
  ].join('\n');
}
