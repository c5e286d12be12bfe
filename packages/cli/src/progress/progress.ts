/**
 * Training progress on stderr. On a terminal: one live line redrawn in place
 * (step, bar, loss, smoothed loss, steps/s, ETA). Elsewhere (logs, CI, pipes): a plain line
 * every ~5% of the run and at least every 15 s. Other output (samples) goes through
 * `print`, which clears the live line first so the two never interleave.
 */
import type { CliIO } from '../io.js';
import { formatDuration, formatLoss, formatRate } from './format.js';

const REDRAW_MS = 80;
const LOG_MS = 15_000;

export class Progress {
  private readonly io: CliIO;
  private readonly total: number;
  private readonly startStep: number;
  private readonly startTime: number;
  private readonly logEvery: number;
  private lastDraw = -Infinity;
  private lastLogTime: number;
  private barShown = false;
  private lastLine = '';

  constructor(io: CliIO, startStep: number, total: number) {
    this.io = io;
    this.total = total;
    this.startStep = startStep;
    this.startTime = io.now();
    this.lastLogTime = this.startTime;
    this.logEvery = Math.max(1, Math.ceil((total - startStep) / 20));
  }

  /** Steps per second over this session (a resumed run counts from its own start). */
  rate(step: number): number {
    const elapsed = (this.io.now() - this.startTime) / 1000;
    return elapsed > 0 ? (step - this.startStep) / elapsed : NaN;
  }

  elapsedSeconds(): number {
    return (this.io.now() - this.startTime) / 1000;
  }

  private line(step: number, loss: number, smooth: number): string {
    const rate = this.rate(step);
    const eta = (this.total - step) / rate;
    return `loss ${formatLoss(loss)}  smooth ${formatLoss(smooth)}  ${formatRate(rate)} steps/s  ETA ${formatDuration(eta)}`;
  }

  /** Called after each completed step (`step` counts completed steps). */
  update(step: number, loss: number, smooth: number): void {
    const now = this.io.now();
    const last = step === this.total;
    if (this.io.isTTY) {
      if (!last && now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      const width = Math.max(20, this.io.columns - 1);
      const counter = `${String(step).padStart(String(this.total).length)}/${this.total}`;
      const stats = this.line(step, loss, smooth);
      const barWidth = Math.max(0, Math.min(30, width - counter.length - stats.length - 4));
      const filled = Math.round((barWidth * step) / this.total);
      const bar = barWidth > 0 ? ` [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]` : '';
      this.lastLine = `${counter}${bar} ${stats}`.slice(0, width);
      this.io.stderr(`\r\x1b[2K${this.lastLine}`);
      this.barShown = true;
      return;
    }
    if (last || (step - this.startStep) % this.logEvery === 0 || now - this.lastLogTime >= LOG_MS) {
      this.lastLogTime = now;
      this.io.stderr(`step ${step}/${this.total}  ${this.line(step, loss, smooth)}\n`);
    }
  }

  /** Prints text to stdout above the live line, then redraws the line. */
  print(text: string): void {
    if (this.io.isTTY && this.barShown) {
      this.io.stderr('\r\x1b[2K');
      this.io.stdout(text);
      this.io.stderr(this.lastLine);
    } else {
      this.io.stdout(text);
    }
  }

  /** Ends the live line so later output starts on a fresh line. */
  finish(): void {
    if (this.io.isTTY && this.barShown) this.io.stderr('\n');
    this.barShown = false;
  }
}
