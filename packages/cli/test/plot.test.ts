import { describe, expect, it } from 'vitest';
import { lossCsv } from '../src/plot/loss-csv.js';
import { lossSvg } from '../src/plot/loss-svg.js';
import { niceTicks } from '../src/plot/nice-ticks.js';
import { LossSmoother, smoothLosses } from '../src/plot/smooth.js';
import { formatDuration, formatRate } from '../src/progress/format.js';

const polylines = (svg: string): string[][] => [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1].split(' '));

describe('smoothing', () => {
  it('bias-corrected EMA: the first value is itself; hand-computed second value', () => {
    const s = smoothLosses([4, 2], 0.5);
    expect(s[0]).toBe(4);
    // avg = 0.25*4... : avg1 = 0.5*4 = 2, w1 = 0.5; avg2 = 0.5*2 + 0.5*2 = 2, w2 = 0.75 -> 2/0.75
    expect(s[1]).toBeCloseTo(2 / 0.75, 15);
    const m = new LossSmoother(0.5);
    m.push(4);
    expect(m.push(NaN)).toBe(4);
  });
});

describe('loss.csv', () => {
  it('a header and one full-precision row per step', () => {
    expect(lossCsv([0.1 + 0.2, 3], [1, 2])).toBe('step,loss,smoothed_loss\n1,0.30000000000000004,1\n2,3,2\n');
  });
});

describe('niceTicks', () => {
  it('round steps of 1, 2 or 5 times a power of ten inside the range', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(2.13, 3.97)).toEqual([2.5, 3, 3.5]);
    expect(niceTicks(1, 300)).toEqual([100, 200, 300]);
    expect(niceTicks(0.1, 0.35)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});

describe('loss.svg', () => {
  it('two lines with one point per step, axes, title and escaped text', () => {
    const losses = [4, 3.5, 3, 2.8, 2.5];
    const svg = lossSvg(losses, smoothLosses(losses), { title: 'a < b & "c"', subtitle: 'sub' });
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;');
    const lines = polylines(svg);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(5);
    // A falling loss is drawn falling: each later point has a larger SVG y (lower on the page).
    const ys = lines[0].map((p) => Number(p.split(',')[1]));
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan(ys[i - 1]);
    expect(svg).toContain('>step</text>');
  });

  it('long runs are averaged down to at most 1200 points', () => {
    const losses = Array.from({ length: 10_000 }, (_, i) => 4 - i / 5000);
    const lines = polylines(lossSvg(losses, smoothLosses(losses), { title: 't' }));
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(1200);
  });

  it('no steps, one step, and non-finite losses (which split the line) still make a valid picture', () => {
    expect(lossSvg([], [], { title: 't' })).toContain('no steps yet');
    const one = lossSvg([3], [3], { title: 't' });
    expect(one).toContain('<circle');
    expect(one).not.toContain('NaN');
    const gap = lossSvg([3, 2, NaN, 2, 1], [3, 2, 2, 2, 1], { title: 't' });
    expect(polylines(gap)).toHaveLength(3);
    expect(gap).not.toContain('NaN');
  });
});

describe('formats', () => {
  it('durations and rates', () => {
    expect(formatDuration(7.4)).toBe('0:07');
    expect(formatDuration(62)).toBe('1:02');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Infinity)).toBe('--:--');
    expect(formatRate(123.4)).toBe('123');
    expect(formatRate(12.34)).toBe('12.3');
    expect(formatRate(1.234)).toBe('1.23');
  });
});
