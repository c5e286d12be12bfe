/**
 * Learning-rate schedules, as torch.optim.lr_scheduler: a scheduler owns an optimizer's `lr`.
 * Creating one sets lr to the schedule's value at epoch 0; call `step()` once per epoch (or
 * per batch, for a per-step schedule) after `optimizer.step()`, and it sets lr for the next.
 * The value is the closed form of epoch and the learning rate the optimizer had when the
 * scheduler was created (PyTorch's initial_lr), so a schedule resumes from `state()` exactly.
 */
import { checkHyper, type Optimizer } from './optimizer.ts';
import { checkOptions } from '../options.ts';

/** A plain snapshot: the epoch reached and the base learning rate. */
export interface LRSchedulerState {
  kind: string;
  epoch: number;
  baseLr: number;
}

export abstract class LRScheduler {
  abstract readonly kind: string;
  readonly optimizer: Optimizer;
  /** The optimizer's lr when the scheduler was created. */
  baseLr: number;
  private epochCount = 0;

  protected constructor(owner: string, optimizer: Optimizer) {
    if (typeof optimizer !== 'object' || optimizer === null || typeof (optimizer as { step?: unknown }).step !== 'function' || typeof optimizer.lr !== 'number') {
      throw new TypeError(`${owner}: optimizer must be an Optimizer (SGD, Adam, ...), got ${optimizer === null ? 'null' : typeof optimizer}`);
    }
    this.optimizer = optimizer;
    this.baseLr = optimizer.lr;
  }

  /** The learning rate at `epoch` (0 = before the first step()). */
  abstract lrAt(epoch: number): number;

  /** Completed step() calls (PyTorch's last_epoch). */
  get epoch(): number {
    return this.epochCount;
  }

  /** The learning rate the schedule set last. */
  get lr(): number {
    return this.optimizer.lr;
  }

  /** Advances one epoch and sets the optimizer's lr to its value there. */
  step(): void {
    this.epochCount++;
    this.apply();
  }

  state(): LRSchedulerState {
    return { kind: this.kind, epoch: this.epochCount, baseLr: this.baseLr };
  }

  loadState(state: LRSchedulerState): void {
    const owner = `${this.kind}.loadState`;
    if (typeof state !== 'object' || state === null) throw new TypeError(`${owner}: state must be an object`);
    if (state.kind !== this.kind) throw new RangeError(`${owner}: state is for a '${String(state.kind)}' schedule, this is '${this.kind}'`);
    if (!Number.isSafeInteger(state.epoch) || state.epoch < 0) throw new RangeError(`${owner}: epoch must be a non-negative integer, got ${String(state.epoch)}`);
    this.baseLr = checkHyper(owner, 'baseLr', state.baseLr, 0);
    this.epochCount = state.epoch;
    this.apply();
  }

  /** Subclasses call this at the end of their constructor (their fields are set by then). */
  protected apply(): void {
    this.optimizer.lr = this.lrAt(this.epochCount);
  }
}

function positiveInt(owner: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new RangeError(`${owner}: ${name} must be an integer >= 1, got ${String(v)}`);
  return v;
}

export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Factor per decay. Default 0.1. */
  gamma?: number;
}

/** lr = baseLr · gamma^floor(epoch / stepSize). */
export class StepLR extends LRScheduler {
  readonly kind: string = 'step';
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super('StepLR', optimizer);
    checkOptions('StepLR', options, ['stepSize', 'gamma']);
    this.stepSize = positiveInt('StepLR', 'stepSize', options?.stepSize);
    this.gamma = checkHyper('StepLR', 'gamma', options.gamma ?? 0.1, 0);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

export interface ExponentialLROptions {
  /** Factor per epoch. */
  gamma: number;
}

/** lr = baseLr · gamma^epoch. */
export class ExponentialLR extends LRScheduler {
  readonly kind: string = 'exponential';
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer);
    checkOptions('ExponentialLR', options, ['gamma']);
    this.gamma = checkHyper('ExponentialLR', 'gamma', options?.gamma, 0);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** epoch;
  }
}

export interface CosineAnnealingLROptions {
  /** Epochs of the half cosine from baseLr down to etaMin. */
  tMax: number;
  /** Default 0. */
  etaMin?: number;
}

/**
 * lr = etaMin + (baseLr - etaMin) · (1 + cos(π · epoch / tMax)) / 2: baseLr at 0, etaMin at
 * tMax, and (as PyTorch) back up again after tMax, a cosine of period 2·tMax.
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly kind: string = 'cosine';
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer);
    checkOptions('CosineAnnealingLR', options, ['tMax', 'etaMin']);
    this.tMax = positiveInt('CosineAnnealingLR', 'tMax', options?.tMax);
    this.etaMin = checkHyper('CosineAnnealingLR', 'etaMin', options.etaMin ?? 0, 0);
    this.apply();
  }

  lrAt(epoch: number): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}

export interface LinearLROptions {
  /** Factor of baseLr at epoch 0. Default 1/3. */
  startFactor?: number;
  /** Factor from totalIters on. Default 1. */
  endFactor?: number;
  /** Epochs of the ramp. Default 5. */
  totalIters?: number;
}

/**
 * Linear warm-up (or decay): lr = baseLr · (startFactor + (endFactor - startFactor) ·
 * min(epoch, totalIters) / totalIters).
 */
export class LinearLR extends LRScheduler {
  readonly kind: string = 'linear';
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    super('LinearLR', optimizer);
    checkOptions('LinearLR', options, ['startFactor', 'endFactor', 'totalIters']);
    // PyTorch: 0 < startFactor <= 1, 0 <= endFactor <= 1.
    const start = options.startFactor ?? 1 / 3;
    if (typeof start !== 'number' || !(start > 0 && start <= 1)) throw new RangeError(`LinearLR: startFactor must be in (0, 1], got ${String(start)}`);
    this.startFactor = start;
    const end = options.endFactor ?? 1;
    if (typeof end !== 'number' || !(end >= 0 && end <= 1)) throw new RangeError(`LinearLR: endFactor must be in [0, 1], got ${String(end)}`);
    this.endFactor = end;
    this.totalIters = positiveInt('LinearLR', 'totalIters', options.totalIters ?? 5);
    this.apply();
  }

  lrAt(epoch: number): number {
    const f = this.startFactor + ((this.endFactor - this.startFactor) * Math.min(epoch, this.totalIters)) / this.totalIters;
    return this.baseLr * f;
  }
}
