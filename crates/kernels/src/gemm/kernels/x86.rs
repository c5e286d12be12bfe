//! x86-64 kernels with std::arch intrinsics: one macro stamps out the register-blocked
//! microkernel and the dot-product tile for each (instruction set, element type), so the
//! AVX2 and AVX-512 paths share their logic and differ only in vector width and tile shape.
//!
//! Microkernel tile: MR rows × NV vectors. Per k step it loads NV vectors of the B panel,
//! broadcasts MR values of the A panel and issues MR·NV FMAs into MR·NV accumulators that
//! stay in registers (AVX2 6×16 f32 / 6×8 f64: 12 of 16 ymm; AVX-512 12×32 f32 / 12×16
//! f64: 24 of 32 zmm).

use super::{KernelSet, PfRows};
use crate::gemm::config::Isa;
use crate::gemm::pack::{pack_a, pack_b};
use core::arch::x86_64::*;

macro_rules! x86_kernels {
    (
        mod $modname:ident, isa $isa:expr, feature $feat:literal, elem $t:ty, vec $v:ty,
        lanes $lanes:expr, mr $mr:expr, nv $nv:expr, dot $dr:expr, $dc:expr,
        blocks $mc:expr, $kc:expr, $nc:expr, pack_a $packa:expr,
        zero $zero:ident, set1 $set1:ident, load $load:ident, store $store:ident,
        fma $fma:ident, add $add:ident, hsum $hsum:path
    ) => {
        pub(crate) mod $modname {
            use super::*;

            pub(crate) const LANES: usize = $lanes;
            pub(crate) const MR: usize = $mr;
            const NV: usize = $nv;
            pub(crate) const NR: usize = NV * LANES;
            const DOT_ROWS: usize = $dr;
            const DOT_COLS: usize = $dc;
            /// B read in place has rows ldb apart, which defeats the hardware prefetchers:
            /// each k step prefetches the same row of the next NR strip into L2 (measured
            /// on Zen 3: 1 strip ahead beats rows ahead in the same strip and 2-4 strips).
            const PF_HINT: i32 = _MM_HINT_T1;
            const PF_STRIPS: usize = 1;
            /// Elements per cache line.
            const LINE: usize = 64 / core::mem::size_of::<$t>();

            pub(crate) static KERNELS: KernelSet<$t> = KernelSet {
                isa: $isa,
                mr: MR,
                nr: NR,
                mc: $mc,
                kc: $kc,
                nc: $nc,
                micro,
                pack_a: $packa,
                pack_b: pack_b::<$t, NR>,
                dot,
                dot_rows: DOT_ROWS,
                dot_cols: DOT_COLS,
            };

            /// See `MicroFn`: picks the instantiation for the row count and B source.
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
                b_in_place: bool,
                pf: PfRows<$t>,
            ) {
                macro_rules! pick {
                    ($pf:literal) => {
                        match rows {
                            12 if MR >= 12 => tile::<12, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            11 if MR >= 11 => tile::<11, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            10 if MR >= 10 => tile::<10, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            9 if MR >= 9 => tile::<9, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            8 if MR >= 8 => tile::<8, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            7 if MR >= 7 => tile::<7, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            6 => tile::<6, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            5 => tile::<5, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            4 => tile::<4, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            3 => tile::<3, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            2 => tile::<2, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            1 => tile::<1, $pf>(k, a, b, b_rs, c, ldc, beta, pf),
                            _ => unreachable!("microkernel rows {rows} > MR {MR}"),
                        }
                    };
                }
                if b_in_place {
                    pick!(true)
                } else {
                    pick!(false)
                }
            }

            /// The register tile: R ≤ MR rows (A panel stride stays MR) × NR columns; PF:
            /// B is read in place (see PF_STRIPS).
            #[target_feature(enable = $feat)]
            #[allow(clippy::too_many_arguments)]
            unsafe fn tile<const R: usize, const PF: bool>(
                k: usize,
                a: *const $t,
                b: *const $t,
                b_rs: usize,
                c: *mut $t,
                ldc: usize,
                beta: $t,
                pf: PfRows<$t>,
            ) {
                for i in 0..R {
                    _mm_prefetch::<_MM_HINT_T0>(c.add(i * ldc) as *const i8);
                    _mm_prefetch::<_MM_HINT_T0>(c.add(i * ldc + NR - 1) as *const i8);
                }
                let mut acc: [[$v; NV]; R] = [[$zero(); NV]; R];
                let mut a = a;
                let mut b = b;
                // The rows of `pf`, a line every `pf.every` k steps; a row may start mid-line,
                // so up to LINE - 1 elements past its end are fetched too (hints never fault).
                let (mut pf_row, mut pf_off, mut pf_wait) = (0, 0, 0);
                let pf_end = pf.len + LINE - 1;
                for _ in 0..k {
                    if pf_row < pf.rows {
                        if pf_wait == 0 {
                            _mm_prefetch::<_MM_HINT_T0>(pf.ptr.wrapping_add(pf_row * pf.rs + pf_off) as *const i8);
                            pf_off += LINE;
                            if pf_off >= pf_end {
                                pf_off = 0;
                                pf_row += 1;
                            }
                            pf_wait = pf.every;
                        }
                        pf_wait -= 1;
                    }
                    if PF {
                        // May point past the matrix on the last strip: prefetches never
                        // fault, and wrapping_add keeps the address computation defined.
                        let ahead = b.wrapping_add((PF_STRIPS + 1) * NR - 1);
                        _mm_prefetch::<{ PF_HINT }>(ahead as *const i8);
                    }
                    let mut bv: [$v; NV] = [$zero(); NV];
                    for (v, x) in bv.iter_mut().enumerate() {
                        *x = $load(b.add(v * LANES));
                    }
                    for (i, row) in acc.iter_mut().enumerate() {
                        let ai = $set1(*a.add(i));
                        for v in 0..NV {
                            row[v] = $fma(ai, bv[v], row[v]);
                        }
                    }
                    a = a.add(MR);
                    b = b.add(b_rs);
                }
                if beta == 0.0 {
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            $store(c.add(i * ldc + v * LANES), row[v]);
                        }
                    }
                } else if beta == 1.0 {
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            let p = c.add(i * ldc + v * LANES);
                            $store(p, $add($load(p), row[v]));
                        }
                    }
                } else {
                    let bb = $set1(beta);
                    for (i, row) in acc.iter().enumerate() {
                        for v in 0..NV {
                            let p = c.add(i * ldc + v * LANES);
                            $store(p, $fma(bb, $load(p), row[v]));
                        }
                    }
                }
            }

            /// R×C dot products along k: vector partial sums, a fixed-order horizontal
            /// sum, then the k % LANES tail in order.
            #[target_feature(enable = $feat)]
            unsafe fn dot_tile<const R: usize, const C: usize>(
                k: usize,
                a: *const $t,
                lda: usize,
                b: *const $t,
                ldb: usize,
                out: *mut $t,
            ) {
                let mut acc: [[$v; C]; R] = [[$zero(); C]; R];
                let body = k - k % LANES;
                let mut p = 0;
                while p < body {
                    let mut bv: [$v; C] = [$zero(); C];
                    for (s, x) in bv.iter_mut().enumerate() {
                        *x = $load(b.add(s * ldb + p));
                    }
                    for (r, row) in acc.iter_mut().enumerate() {
                        let av = $load(a.add(r * lda + p));
                        for s in 0..C {
                            row[s] = $fma(av, bv[s], row[s]);
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
                    (4, 4) if DOT_ROWS >= 4 && DOT_COLS >= 4 => dot_tile::<4, 4>(k, a, lda, b, ldb, out),
                    (4, 3) if DOT_ROWS >= 4 => dot_tile::<4, 3>(k, a, lda, b, ldb, out),
                    (4, 2) if DOT_ROWS >= 4 => dot_tile::<4, 2>(k, a, lda, b, ldb, out),
                    (4, 1) if DOT_ROWS >= 4 => dot_tile::<4, 1>(k, a, lda, b, ldb, out),
                    (3, 4) if DOT_COLS >= 4 => dot_tile::<3, 4>(k, a, lda, b, ldb, out),
                    (3, 3) => dot_tile::<3, 3>(k, a, lda, b, ldb, out),
                    (3, 2) => dot_tile::<3, 2>(k, a, lda, b, ldb, out),
                    (3, 1) => dot_tile::<3, 1>(k, a, lda, b, ldb, out),
                    (2, 4) if DOT_COLS >= 4 => dot_tile::<2, 4>(k, a, lda, b, ldb, out),
                    (2, 3) => dot_tile::<2, 3>(k, a, lda, b, ldb, out),
                    (2, 2) => dot_tile::<2, 2>(k, a, lda, b, ldb, out),
                    (2, 1) => dot_tile::<2, 1>(k, a, lda, b, ldb, out),
                    (1, 4) if DOT_COLS >= 4 => dot_tile::<1, 4>(k, a, lda, b, ldb, out),
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

#[target_feature(enable = "avx2,fma")]
unsafe fn hsum_avx2_f32(v: __m256) -> f32 {
    let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps::<1>(v));
    let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    let s = _mm_add_ss(s, _mm_movehdup_ps(s));
    _mm_cvtss_f32(s)
}

#[target_feature(enable = "avx2,fma")]
unsafe fn hsum_avx2_f64(v: __m256d) -> f64 {
    let s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd::<1>(v));
    let s = _mm_add_sd(s, _mm_unpackhi_pd(s, s));
    _mm_cvtsd_f64(s)
}

#[target_feature(enable = "avx512f")]
unsafe fn hsum_avx512_f32(v: __m512) -> f32 {
    let lo = _mm512_castps512_ps256(v);
    let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(v)));
    let s = _mm256_add_ps(lo, hi);
    let s = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps::<1>(s));
    let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    let s = _mm_add_ss(s, _mm_movehdup_ps(s));
    _mm_cvtss_f32(s)
}

#[target_feature(enable = "avx512f")]
unsafe fn hsum_avx512_f64(v: __m512d) -> f64 {
    let s = _mm256_add_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd::<1>(v));
    let s = _mm_add_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd::<1>(s));
    let s = _mm_add_sd(s, _mm_unpackhi_pd(s, s));
    _mm_cvtsd_f64(s)
}

// Blocking (mc, kc, nc): kc·NR of B stays in L1 while MR×kc A panels stream from an mc×kc
// block held in L2. AVX2 numbers tuned on a Zen 3 core (32 KB L1d, 512 KB L2); AVX-512
// ones for 48 KB L1d / 2 MB L2 Xeons, following BLIS's Skylake-X choices.
x86_kernels!(mod avx2_f32, isa Isa::Avx2, feature "avx2,fma", elem f32, vec __m256,
    lanes 8, mr 6, nv 2, dot 4, 3, blocks 240, 256, 4080, pack_a crate::gemm::kernels::x86_pack::pack_a_f32,
    zero _mm256_setzero_ps, set1 _mm256_set1_ps, load _mm256_loadu_ps, store _mm256_storeu_ps,
    fma _mm256_fmadd_ps, add _mm256_add_ps, hsum hsum_avx2_f32);

x86_kernels!(mod avx2_f64, isa Isa::Avx2, feature "avx2,fma", elem f64, vec __m256d,
    lanes 4, mr 6, nv 2, dot 4, 3, blocks 120, 256, 2040, pack_a crate::gemm::kernels::x86_pack::pack_a_f64,
    zero _mm256_setzero_pd, set1 _mm256_set1_pd, load _mm256_loadu_pd, store _mm256_storeu_pd,
    fma _mm256_fmadd_pd, add _mm256_add_pd, hsum hsum_avx2_f64);

x86_kernels!(mod avx512_f32, isa Isa::Avx512, feature "avx512f", elem f32, vec __m512,
    lanes 16, mr 12, nv 2, dot 4, 4, blocks 480, 256, 3072, pack_a pack_a::<f32, 12>,
    zero _mm512_setzero_ps, set1 _mm512_set1_ps, load _mm512_loadu_ps, store _mm512_storeu_ps,
    fma _mm512_fmadd_ps, add _mm512_add_ps, hsum hsum_avx512_f32);

x86_kernels!(mod avx512_f64, isa Isa::Avx512, feature "avx512f", elem f64, vec __m512d,
    lanes 8, mr 12, nv 2, dot 4, 4, blocks 240, 256, 1536, pack_a pack_a::<f64, 12>,
    zero _mm512_setzero_pd, set1 _mm512_set1_pd, load _mm512_loadu_pd, store _mm512_storeu_pd,
    fma _mm512_fmadd_pd, add _mm512_add_pd, hsum hsum_avx512_f64);
