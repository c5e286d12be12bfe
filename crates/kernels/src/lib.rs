//! recur's numerical kernels. Zero dependencies: SIMD through `std::arch` with run-time
//! feature detection, threads from one persistent pool (`pool`). Every fast kernel keeps a
//! scalar version beside it, used on any CPU and as the test oracle.
//!
//! Layout conventions mirror `packages/core-ts/src/backend/types.ts`: row-major, sequences
//! time-major `[T, B, C]`, gate weights stacked along the columns.

pub mod float;
pub mod gemm;
mod int;
pub mod layout;
mod pool;
pub mod recurrent;
pub mod softmax;
