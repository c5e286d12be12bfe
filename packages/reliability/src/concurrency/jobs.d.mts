import type { Backend, FloatArray } from '@recur/core';

export interface Job {
  name: string;
  kind: 'gemm' | 'forward' | 'backward';
  makeArgs(): Record<string, unknown>;
}

export interface AsyncBackend extends Backend {
  gemmAsync(args: unknown): Promise<void>;
  recurrentForwardAsync(args: unknown): Promise<void>;
  recurrentBackwardAsync(args: unknown): Promise<void>;
}

export function makeJobs(seed: number): Job[];
export function outputsOf(job: Job, args: Record<string, unknown>): Record<string, FloatArray>;
export function runSync(backend: Backend, job: Job, args: Record<string, unknown>): void;
export function runAsync(backend: AsyncBackend, job: Job, args: Record<string, unknown>): Promise<void>;
export function sameBits(a: FloatArray, b: FloatArray): boolean;
