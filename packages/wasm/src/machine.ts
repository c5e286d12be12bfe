/**
 * One instance of recur.wasm and the linear memory a call's arrays are copied into: one
 * region, grown when a call needs more and reused by later calls. A trap (a Rust panic
 * aborts in the release build, or memory ran out inside a kernel) leaves the instance in an
 * unknown state, so the machine replaces it with a fresh one from the same compiled module
 * and the error names the kernel; the next call works.
 *
 * A WebAssembly memory only grows. So that one huge call does not keep its memory for the
 * life of the process, a memory above RETAINED_MEMORY_BYTES is given back once no call
 * came for IDLE_RELEASE_MS: the spare instance (small memory) takes over and the big one is
 * left to the garbage collector. Back-to-back big calls keep theirs (no re-growing).
 */
import type { ArrayArg } from './args.ts';
import { rawExports, readString, type RawExports } from './exports.ts';

/** wasm32 addresses 4 GiB. */
export const MEMORY_LIMIT_BYTES = 2 ** 32;
/** A linear memory above this (256 MiB, what the native addon's async pool keeps) is given back when idle. */
export const RETAINED_MEMORY_BYTES = 2 ** 28;
/** How long the machine waits after a call before giving a big memory back. */
export const IDLE_RELEASE_MS = 1000;
const ALIGN = 16;

/** A timer that does not keep Node or Deno running (browsers and workers have no such notion). */
function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof timer === 'number') deno?.unrefTimer?.(timer);
}

/** A call's arrays laid out in the region: byte offsets from its start. */
export interface Layout {
  readonly offsets: readonly number[];
  readonly bytes: number;
}

function elementBytes(a: ArrayArg): number {
  return a.view.BYTES_PER_ELEMENT;
}

export class Machine {
  private raw: RawExports;
  private base = 0;
  private capacity = 0;
  /** A fresh instance made ahead of time (browsers refuse to instantiate big modules synchronously). */
  private spare: WebAssembly.Instance | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly module: WebAssembly.Module, instance: WebAssembly.Instance) {
    this.raw = rawExports(instance);
    this.prepareSpare();
  }

  private prepareSpare(): void {
    WebAssembly.instantiate(this.module, {}).then(
      (inst) => {
        this.spare = inst;
      },
      () => {},
    );
  }

  get exports(): RawExports {
    return this.raw;
  }

  /** Offsets for `parts` ([array, elements used]) in one region; RangeError if they cannot fit in 4 GiB. */
  layout(func: string, parts: readonly (readonly [ArrayArg | undefined, number])[]): Layout {
    const offsets: number[] = [];
    let bytes = 0;
    let largest: [string, number] = ['', 0];
    for (const [arg, len] of parts) {
      offsets.push(bytes);
      if (arg === undefined) continue;
      const size = len * elementBytes(arg);
      if (size > largest[1]) largest = [arg.name, size];
      bytes += Math.ceil(size / ALIGN) * ALIGN;
    }
    if (bytes > MEMORY_LIMIT_BYTES - 2 ** 24) {
      throw new RangeError(
        `${func}: ${largest[0]} needs ${largest[1]} bytes and the call's arrays ${bytes} bytes in all, more than a WebAssembly (wasm32) memory can hold (4 GiB)`,
      );
    }
    return { offsets, bytes };
  }

  /** Start of a region of at least `bytes` bytes (the previous one, when big enough). */
  reserve(func: string, bytes: number): number {
    if (bytes <= this.capacity) return this.base;
    if (this.capacity > 0) this.raw.recur_free(this.base, this.capacity);
    this.base = 0;
    this.capacity = 0;
    const want = Math.max(bytes, 1 << 16);
    const ptr = this.raw.recur_alloc(want);
    if (ptr === 0) {
      throw new RangeError(`${func}: the call's arrays need ${bytes} bytes, more than the WebAssembly memory could grow to`);
    }
    this.base = ptr;
    this.capacity = want;
    return ptr;
  }

  /** Runs a kernel export: a failed check becomes its RangeError / Error, a trap an Error (and a fresh instance). */
  call(func: string, run: (raw: RawExports) => number): void {
    let status: number;
    try {
      status = run(this.raw);
    } catch (err) {
      this.replace();
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${func}: internal error in the WebAssembly kernel (trap: ${why}); the instance was replaced, later calls work`);
    }
    if (status === 0) return;
    const message = readString(this.raw, this.raw.recur_error_ptr(), this.raw.recur_error_len());
    throw status === 1 ? new RangeError(message) : status === 2 ? new TypeError(message) : new Error(message);
  }

  /** After every kernel call: (re)starts the idle countdown when the memory is big. */
  settle(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    if (this.raw.memory.buffer.byteLength <= RETAINED_MEMORY_BYTES) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.releaseMemory();
    }, IDLE_RELEASE_MS);
    unrefTimer(this.idleTimer);
  }

  /** Gives a memory above RETAINED_MEMORY_BYTES back now (when the spare instance is ready). */
  releaseMemory(): void {
    if (this.spare !== undefined && this.raw.memory.buffer.byteLength > RETAINED_MEMORY_BYTES) this.replace();
  }

  private replace(): void {
    const fresh = this.spare ?? new WebAssembly.Instance(this.module, {});
    this.spare = undefined;
    this.raw = rawExports(fresh);
    this.base = 0;
    this.capacity = 0;
    this.prepareSpare();
  }
}
