/** The raw exports of recur.wasm (crates/wasm), as the loader sees them. */

type Ptr = number;
/** 0 ok, 1 RangeError, 3 Error; the message is at recur_error_ptr / recur_error_len. */
type Status = number;

export interface RawExports {
  readonly memory: WebAssembly.Memory;
  recur_alloc(bytes: number): Ptr;
  recur_free(ptr: Ptr, bytes: number): void;
  recur_error_ptr(): Ptr;
  recur_error_len(): number;
  recur_version_ptr(): Ptr;
  recur_version_len(): number;
  recur_simd128(): number;
  recur_trap_for_test(): void;
  recur_peak_flops_per_iter(): number;
  recur_peak_mul_add(iters: number): number;
  /** kind 0 exp, 1 sigmoid, 2 tanh, in place (for the error-bound tests). */
  recur_activation_f32(kind: number, ptr: Ptr, len: number): Status;
  recur_activation_f64(kind: number, ptr: Ptr, len: number): Status;
  recur_gemm_f32(...args: number[]): Status;
  recur_gemm_f64(...args: number[]): Status;
  recur_transpose_f32(...args: number[]): Status;
  recur_transpose_f64(...args: number[]): Status;
  recur_softmax_rows_f32(...args: number[]): Status;
  recur_softmax_rows_f64(...args: number[]): Status;
  recur_recurrent_forward_f32(...args: number[]): Status;
  recur_recurrent_forward_f64(...args: number[]): Status;
  recur_recurrent_backward_f32(...args: number[]): Status;
  recur_recurrent_backward_f64(...args: number[]): Status;
}

const REQUIRED: readonly (keyof RawExports)[] = [
  'memory', 'recur_alloc', 'recur_free', 'recur_error_ptr', 'recur_error_len', 'recur_version_ptr', 'recur_version_len',
  'recur_simd128', 'recur_gemm_f32', 'recur_gemm_f64', 'recur_softmax_rows_f32', 'recur_softmax_rows_f64',
  'recur_transpose_f32', 'recur_transpose_f64',
  'recur_recurrent_forward_f32', 'recur_recurrent_forward_f64', 'recur_recurrent_backward_f32', 'recur_recurrent_backward_f64',
];

/** The instance's exports, or an Error naming what is missing (a module that is not recur's). */
export function rawExports(instance: WebAssembly.Instance): RawExports {
  const e = instance.exports as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => e[name] === undefined);
  if (missing.length > 0) throw new Error(`the WebAssembly module is not recur's: it lacks ${missing.join(', ')}`);
  return e as unknown as RawExports;
}

/** A UTF-8 string in linear memory. */
export function readString(raw: RawExports, ptr: Ptr, len: number): string {
  return new TextDecoder().decode(new Uint8Array(raw.memory.buffer, ptr, len));
}
