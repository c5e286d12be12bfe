//! Pieces shared by the three cells: the GEMM wrapper, the input projection, the per-step
//! views of the state, and the big weight-gradient GEMMs that run once after the time loop.

use super::args::RecurrentBackward;
use super::batch;
use super::validate::Dims;
use crate::float::Float;
use crate::gemm::{gemm_with, Isa};
use crate::int::IntRound;

/// Where a call runs: the instruction set of the GEMM and the passes, and the most threads
/// it may use.
#[derive(Clone, Copy, Debug)]
pub struct Exec {
    pub isa: Isa,
    pub threads: usize,
}

/// `gemm` that handles the degenerate shapes itself (m, n or k zero) so the kernels never
/// hand an empty matrix to the fast GEMM, whatever its corner cases are.
#[allow(clippy::too_many_arguments)]
pub fn mm<F: Float>(
    ex: Exec,
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    a: &[F],
    lda: usize,
    b: &[F],
    ldb: usize,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        // op(A)·op(B) is the zero matrix: C = beta·C (beta = 0 overwrites).
        for i in 0..m {
            for v in &mut c[i * ldc..i * ldc + n] {
                *v = if beta == F::ZERO { F::ZERO } else { beta * *v };
            }
        }
        return;
    }
    gemm_with(ex.isa, ex.threads, trans_a, trans_b, m, n, k, F::ONE, a, lda, b, ldb, beta, c, ldc);
}

/// `&s[off..]`, or an empty slice when `off` is past the end (only happens when the matrix
/// it addresses is empty, so nothing reads it).
pub fn tail<F>(s: &[F], off: usize) -> &[F] {
    s.get(off..).unwrap_or(&[])
}

pub fn tail_mut<F>(s: &mut [F], off: usize) -> &mut [F] {
    let len = s.len();
    &mut s[off.min(len)..]
}

/// The gradient of h_{t-1} in elements `row` for an example past its length at step t:
/// dh + dhs_t passes straight through (its state was carried, not computed).
pub fn carry_grad<F: Float>(dh_prev: &mut [F], dh: &[F], dhs: Option<&[F]>, row: core::ops::Range<usize>) {
    let (dh, dhs) = (&dh[row.clone()], dhs.map(|d| &d[row.clone()]));
    for (j, v) in dh_prev[row].iter_mut().enumerate() {
        *v = dh[j] + dhs.map_or(F::ZERO, |d| d[j]);
    }
}

/// Elements `range` of an optional incoming gradient (dh_T, dc_T): a thread's rows of it,
/// zeros when the caller passed none.
pub fn incoming_grad<F: Float>(g: Option<&[F]>, range: core::ops::Range<usize>) -> Vec<F> {
    match g {
        Some(v) => v[range].to_vec(),
        None => vec![F::ZERO; range.len()],
    }
}

/// x·wx of all steps at once (no bias) into the first G*H columns of `out` [T*B, ld].
#[inline(never)] // a phase of its own in profiles (scripts/profile-recurrent.sh)
pub fn input_projection_into<F: Float>(ex: Exec, d: Dims, x: &[F], wx: &[F], out: &mut [F], ld: usize) {
    mm(ex, false, false, d.t * d.b, d.gh, d.x, x, d.x, wx, d.gh, F::ZERO, out, ld);
}

/// Column j of the bias added on the input side: bx[j], plus bh[j] when `with_bh(j)`.
pub fn combined_bias<F: Float>(bx: &[F], bh: Option<&[F]>, with_bh: impl Fn(usize) -> bool) -> Vec<F> {
    bx.iter()
        .enumerate()
        .map(|(j, &v)| match bh {
            Some(bh) if with_bh(j) => v + bh[j],
            _ => v,
        })
        .collect()
}

/// Rows lo..hi of step t of a [T, B, w] buffer.
pub fn step_rows<F>(buf: &[F], t: usize, b: usize, lo: usize, hi: usize, w: usize) -> &[F] {
    &buf[(t * b + lo) * w..(t * b + hi) * w]
}

/// Rows lo..hi of step t-1 of a [T, B, w] buffer, or of `init` [B, w] at t = 0 (the state
/// a step starts from).
pub fn prev_step_rows<'a, F>(
    init: &'a [F],
    buf: &'a [F],
    t: usize,
    b: usize,
    lo: usize,
    hi: usize,
    w: usize,
) -> &'a [F] {
    if t == 0 {
        &init[lo * w..hi * w]
    } else {
        step_rows(buf, t - 1, b, lo, hi, w)
    }
}

/// dst[j] = sum over `rows` rows of src[r*ld + j], j < dst.len(), rows added in order.
/// Large sums run on threads over ranges of columns: each column is still summed by one
/// thread in the same order, so the result does not depend on the thread count.
pub fn column_sums<F: Float>(ex: Exec, dst: &mut [F], src: &[F], rows: usize, ld: usize) {
    const MIN_PER_THREAD: usize = 1 << 20;
    const COLS_UNIT: usize = 64;
    let cols = dst.len();
    let threads = (rows * cols / MIN_PER_THREAD).clamp(1, ex.threads.max(1)).min(cols.ceil_div(COLS_UNIT).max(1));
    let per = cols.ceil_div(threads).round_up(COLS_UNIT).max(1);
    let ranges: Vec<(usize, usize)> = (0..cols).step_by(per).map(|c0| (c0, (c0 + per).min(cols))).collect();
    let parts: Vec<&mut [F]> = dst.chunks_mut(per).collect();
    batch::run(&ranges, parts, |(c0, _), part| {
        part.fill(F::ZERO);
        for r in 0..rows {
            for (v, &s) in part.iter_mut().zip(&src[r * ld + c0..]) {
                *v += s;
            }
        }
    });
}

/// After the time loop: dwx = x^T·dpre, dbx = column sums of dpre, dx = dpre·wx^T, each one
/// GEMM over all T*B rows.
#[inline(never)] // a phase of its own in profiles (scripts/profile-recurrent.sh)
#[allow(clippy::too_many_arguments)]
pub fn input_side_grads<F: Float>(
    ex: Exec,
    d: Dims,
    x: &[F],
    wx: &[F],
    dpre: &[F],
    dx: &mut [F],
    dwx: &mut [F],
    dbx: &mut [F],
) {
    let rows = d.t * d.b;
    mm(ex, true, false, d.x, d.gh, rows, x, d.x, dpre, d.gh, F::ZERO, dwx, d.gh);
    column_sums(ex, dbx, dpre, rows, d.gh);
    mm(ex, false, true, rows, d.x, d.gh, dpre, d.gh, wx, d.gh, F::ZERO, dx, d.x);
}

/// The outputs after the time loop of a cell whose dpre [T*B, G*H] is the gradient of both
/// projections, x·wx + bx and h_{t-1}·wh + bh (rnn, lstm): dh0, dx, dwx, dbx, dwh, and
/// dbh = dbx.
pub fn backward_outputs<F: Float>(ex: Exec, d: Dims, a: &mut RecurrentBackward<'_, F>, dh0: &[F], dpre: &[F]) {
    a.dh0.copy_from_slice(dh0);
    input_side_grads(ex, d, a.x, a.wx, dpre, a.dx, a.dwx, a.dbx);
    recurrent_weight_grad(ex, d, a.h0, a.hs, dpre, d.gh, d.gh, a.dwh, d.gh);
    if let Some(dbh) = a.dbh.as_deref_mut() {
        dbh.copy_from_slice(a.dbx);
    }
}

/// dw[:, cols] = Hprev^T·g where Hprev = [h0; hs[0..T-1]] is [T*B, H] and g is the
/// [T*B, n] gradient of the recurrent projection (row stride `ldg`). Two GEMMs (h0 rows,
/// then the contiguous hs rows), no copy of Hprev. `dw` starts at the first column, stride ldw.
#[inline(never)] // a phase of its own in profiles (scripts/profile-recurrent.sh)
#[allow(clippy::too_many_arguments)]
pub fn recurrent_weight_grad<F: Float>(
    ex: Exec,
    d: Dims,
    h0: &[F],
    hs: &[F],
    g: &[F],
    ldg: usize,
    n: usize,
    dw: &mut [F],
    ldw: usize,
) {
    let first = if d.t == 0 { 0 } else { d.b };
    mm(ex, true, false, d.h, n, first, h0, d.h, g, ldg, F::ZERO, dw, ldw);
    if d.t > 1 {
        let rest = (d.t - 1) * d.b;
        mm(ex, true, false, d.h, n, rest, hs, d.h, tail(g, d.b * ldg), ldg, F::ONE, dw, ldw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recurrent::tests::Rng;

    #[test]
    fn column_sums_are_the_same_bits_for_any_thread_count() {
        let (rows, cols, ld) = (700, 3001, 3005);
        let src = Rng::new(3).vec((rows - 1) * ld + cols, 1.0);
        let mut want = vec![0.0f64; cols];
        for r in 0..rows {
            for j in 0..cols {
                want[j] += src[r * ld + j];
            }
        }
        for threads in 1..=4 {
            let mut got = vec![f64::NAN; cols];
            column_sums(Exec { isa: crate::gemm::isa(), threads }, &mut got, &src, rows, ld);
            assert!(got.iter().zip(&want).all(|(a, b)| a.to_bits() == b.to_bits()), "{threads} threads");
        }
    }
}
