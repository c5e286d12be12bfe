//! wasm32 simd128 kernels (built only with `-C target-feature=+simd128`). One macro stamps
//! out the microkernel and the dot-product tile for f32 (4 lanes) and f64 (2 lanes).
//!
//! Baseline simd128 has no FMA: each k step is a multiply and an add per accumulator.
//! Microkernel tile: MR rows × NV vectors. V8 allocates 15 vector registers on x86-64:
//! MR·NV accumulators + NV B vectors + one broadcast A value + one product must fit.
//! Measured on 512³ f32 in Node 20 (one process, CPU time, interleaved): 3×3 (a 3×12
//! tile, 14 registers) 40–42 GFLOP/s; 4×2 (4×8) 37; 5×2 and 6×2 (they spill) 19–21.

use super::{KernelSet, PfRows};
use crate::gemm::config::Isa;
use crate::gemm::pack::{pack_a, pack_b};
use core::arch::wasm32::*;

macro_rules! wasm_kernels {
    (
        mod $modname:ident, elem $t:ty, lanes $lanes:expr, mr $mr:expr, nv $nv:expr,
        blocks $mc:expr, $kc:expr, $nc:expr,
        splat $splat:ident, mul $mul:ident, add $add:ident, hsum $hsum:path
    ) => {
        pub(crate) mod $modname {
            use super::*;

            pub(crate) const LANES: usize = $lanes;
            pub(crate) const MR: usize = $mr;
            const NV: usize = $nv;
            pub(crate) const NR: usize = NV * LANES;
            const DOT_ROWS: usize = 3;
            const DOT_COLS: usize = 3;

            pub(crate) static KERNELS: KernelSet<$t> = KernelSet {
                isa: Isa::Simd128,
                mr: MR,
                nr: NR,
                mc: $mc,
                kc: $kc,
                nc: $nc,
                micro,
                pack_a: pack_a::<$t, MR>,
                pack_b: pack_b::<$t, NR>,
                dot,
                dot_rows: DOT_ROWS,
                dot_cols: DOT_COLS,
            };

            #[inline(always)]
            unsafe fn load(p: *const $t) -> v128 {
                v128_load(p as *const v128)
            }

            #[inline(always)]
            unsafe fn store(p: *mut $t, v: v128) {
                v128_store(p as *mut v128, v)
            }

            /// See `MicroFn` (no prefetch instructions in wasm: `pf` and `b_in_place` are hints only).
            #[allow(clippy::too_many_arguments)]
            unsafe fn micro(
                k: usize,
                a: *const $t,
                b: *const $t,
                b_rs: usize,
                c: *mut $t,
                ldc: usize,
                beta: $t,
                rows: usize,
                _b_in_place: bool,
                _pf: PfRows<$t>,
            ) {
                match rows {
                    4 if MR >= 4 => tile::<4>(k, a, b, b_rs, c, ldc, beta),
                    3 => tile::<3>(k, a, b, b_rs, c, ldc, beta),
                    2 => tile::<2>(k, a, b, b_rs, c, ldc, beta),
                    1 => tile::<1>(k, a, b, b_rs, c, ldc, beta),
                    _ => unreachable!("microkernel rows {rows} > MR {MR}"),
                }
            }

            /// The register tile: R ≤ MR rows (A panel stride stays MR) × NR columns.
            #[inline(always)]
            unsafe fn tile<const R: usize>(
                k: usize,
                a: *const $t,
                b: *const $t,
                b_rs: usize,
                c: *mut $t,
                ldc: usize,
                beta: $t,
            ) {
                let mut acc: [[v128; NV]; R] = [[$splat(0.0); NV]; R];
                let mut a = a;
                let mut b = b;
                for _ in 0..k {
                    let mut bv: [v128; NV] = [$splat(0.0); NV];
                    for (v, x) in bv.iter_mut().enumerate() {
                        *x = load(b.add(v * LANES));
                    }
                    for (i, row) in acc.iter_mut().enumerate() {
                        let ai = $splat(*a.add(i));
                        for v in 0..NV {
                            row[v] = $add(row[v], $mul(ai, bv[v]));
                        }
                    }
                    a = a.add(MR);
                    b = b.add(b_rs);
                }
                if beta == 0.0 {
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            store(c.add(i * ldc + v * LANES), row[v]);
                        }
                    }
                } else if beta == 1.0 {
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            let p = c.add(i * ldc + v * LANES);
                            store(p, $add(load(p), row[v]));
                        }
                    }
                } else {
                    let bb = $splat(beta);
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            let p = c.add(i * ldc + v * LANES);
                            store(p, $add($mul(bb, load(p)), row[v]));
                        }
                    }
                }
            }

            /// R×C dot products along k: vector partial sums, a fixed-order horizontal
            /// sum, then the k % LANES tail in order.
            #[inline(always)]
            unsafe fn dot_tile<const R: usize, const C: usize>(
                k: usize,
                a: *const $t,
                lda: usize,
                b: *const $t,
                ldb: usize,
                out: *mut $t,
            ) {
                let mut acc: [[v128; C]; R] = [[$splat(0.0); C]; R];
                let body = k - k % LANES;
                let mut p = 0;
                while p < body {
                    let mut bv: [v128; C] = [$splat(0.0); C];
                    for (s, x) in bv.iter_mut().enumerate() {
                        *x = load(b.add(s * ldb + p));
                    }
                    for (r, row) in acc.iter_mut().enumerate() {
                        let av = load(a.add(r * lda + p));
                        for s in 0..C {
                            row[s] = $add(row[s], $mul(av, bv[s]));
                        }
                    }
                    p += LANES;
                }
                for (r, row) in acc.iter().enumerate() {
                    for s in 0..C {
                        let mut sum = $hsum(row[s]);
                        let (ar, bs) = (a.add(r * lda), b.add(s * ldb));
                        for q in body..k {
                            sum += *ar.add(q) * *bs.add(q);
                        }
                        *out.add(r * C + s) = sum;
                    }
                }
            }

            /// See `DotFn`.
            #[allow(clippy::too_many_arguments)]
            unsafe fn dot(
                k: usize,
                a: *const $t,
                lda: usize,
                b: *const $t,
                ldb: usize,
                rows: usize,
                cols: usize,
                out: *mut $t,
            ) {
                match (rows, cols) {
                    (3, 3) => dot_tile::<3, 3>(k, a, lda, b, ldb, out),
                    (3, 2) => dot_tile::<3, 2>(k, a, lda, b, ldb, out),
                    (3, 1) => dot_tile::<3, 1>(k, a, lda, b, ldb, out),
                    (2, 3) => dot_tile::<2, 3>(k, a, lda, b, ldb, out),
                    (2, 2) => dot_tile::<2, 2>(k, a, lda, b, ldb, out),
                    (2, 1) => dot_tile::<2, 1>(k, a, lda, b, ldb, out),
                    (1, 3) => dot_tile::<1, 3>(k, a, lda, b, ldb, out),
                    (1, 2) => dot_tile::<1, 2>(k, a, lda, b, ldb, out),
                    (1, 1) => dot_tile::<1, 1>(k, a, lda, b, ldb, out),
                    _ => unreachable!("dot tile {rows}x{cols} exceeds {DOT_ROWS}x{DOT_COLS}"),
                }
            }
        }
    };
}

// Horizontal sums in a fixed order (results must not depend on anything but the inputs).

#[inline(always)]
fn hsum_f32(v: v128) -> f32 {
    (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<2>(v))
        + (f32x4_extract_lane::<1>(v) + f32x4_extract_lane::<3>(v))
}

#[inline(always)]
fn hsum_f64(v: v128) -> f64 {
    f64x2_extract_lane::<0>(v) + f64x2_extract_lane::<1>(v)
}

// Blocking: kc·NR of B (12 KB f32) stays in L1 while MR×kc A panels stream from an mc×kc
// block (f32: 120 KB) in L2; nc·kc of B (4 MB f32 at most) in L2/L3.
wasm_kernels!(mod simd128_f32, elem f32, lanes 4, mr 3, nv 3, blocks 120, 256, 4092,
    splat f32x4_splat, mul f32x4_mul, add f32x4_add, hsum hsum_f32);

wasm_kernels!(mod simd128_f64, elem f64, lanes 2, mr 3, nv 3, blocks 120, 256, 2046,
    splat f64x2_splat, mul f64x2_mul, add f64x2_add, hsum hsum_f64);
