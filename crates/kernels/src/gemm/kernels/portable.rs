//! Portable kernels in plain Rust: the "scalar" path, used on CPUs without a hand-written
//! path and when forced. Written so the compiler can vectorise them for the baseline target
//! (independent accumulators, no reassociation needed), with plain mul + add (no fma).

use super::{store_tile, KernelSet, PfRows};
use crate::float::Float;
use crate::gemm::config::Isa;
use crate::gemm::pack::{pack_a, pack_b};

pub(crate) const MR: usize = 4;
pub(crate) const NR: usize = 8;
/// Partial sums per dot product, over p mod LANES (vectorisable).
const LANES: usize = 8;
const DOT_ROWS: usize = 2;
const DOT_COLS: usize = 2;

pub(crate) static F32: KernelSet<f32> = set::<f32>();
pub(crate) static F64: KernelSet<f64> = set::<f64>();

pub(crate) const fn set<F: Float>() -> KernelSet<F> {
    KernelSet {
        isa: Isa::Scalar,
        mr: MR,
        nr: NR,
        mc: 128,
        kc: 256,
        nc: 2048,
        micro: micro::<F>,
        pack_a: pack_a::<F, MR>,
        pack_b: pack_b::<F, NR>,
        dot: dot::<F>,
        dot_rows: DOT_ROWS,
        dot_cols: DOT_COLS,
    }
}

/// See `MicroFn`.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn micro<F: Float>(
    k: usize,
    a: *const F,
    b: *const F,
    b_rs: usize,
    c: *mut F,
    ldc: usize,
    beta: F,
    rows: usize,
    _b_in_place: bool,
    _pf: PfRows<F>,
) {
    match rows {
        4 => tile::<F, 4>(k, a, b, b_rs, c, ldc, beta),
        3 => tile::<F, 3>(k, a, b, b_rs, c, ldc, beta),
        2 => tile::<F, 2>(k, a, b, b_rs, c, ldc, beta),
        1 => tile::<F, 1>(k, a, b, b_rs, c, ldc, beta),
        _ => unreachable!("microkernel rows {rows} > MR {MR}"),
    }
}

/// R ≤ MR rows of the tile (A panel stride stays MR).
unsafe fn tile<F: Float, const R: usize>(
    k: usize,
    a: *const F,
    b: *const F,
    b_rs: usize,
    c: *mut F,
    ldc: usize,
    beta: F,
) {
    let mut acc = [[F::ZERO; NR]; R];
    for p in 0..k {
        let ap = a.add(p * MR);
        let bp = b.add(p * b_rs);
        let mut bv = [F::ZERO; NR];
        for (j, v) in bv.iter_mut().enumerate() {
            *v = *bp.add(j);
        }
        for (i, row) in acc.iter_mut().enumerate() {
            let ai = *ap.add(i);
            for j in 0..NR {
                row[j] += ai * bv[j];
            }
        }
    }
    store_tile(&acc, c, ldc, beta);
}

/// See `DotFn`.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn dot<F: Float>(
    k: usize,
    a: *const F,
    lda: usize,
    b: *const F,
    ldb: usize,
    rows: usize,
    cols: usize,
    out: *mut F,
) {
    for r in 0..rows {
        for s in 0..cols {
            *out.add(r * cols + s) = dot_one(k, a.add(r * lda), b.add(s * ldb));
        }
    }
}

/// One dot product with LANES partial sums, combined pairwise, then the tail in order.
unsafe fn dot_one<F: Float>(k: usize, a: *const F, b: *const F) -> F {
    let mut part = [F::ZERO; LANES];
    let body = k - k % LANES;
    let mut p = 0;
    while p < body {
        for (l, s) in part.iter_mut().enumerate() {
            *s += *a.add(p + l) * *b.add(p + l);
        }
        p += LANES;
    }
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for l in 0..width {
            let upper = part[l + width];
            part[l] += upper;
        }
    }
    let mut sum = part[0];
    for p in body..k {
        sum += *a.add(p) * *b.add(p);
    }
    sum
}
