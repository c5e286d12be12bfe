//! Pieces shared by the three cells: the GEMM wrapper, the input projection, the per-step
//! views of the state, and the big weight-gradient GEMMs that run once after the time loop.

use super::validate::Dims;
use crate::float::Float;
use crate::gemm::gemm;

/// `gemm` that handles the degenerate shapes itself (m, n or k zero) so the kernels never
/// hand an empty matrix to the fast GEMM, whatever its corner cases are.
#[allow(clippy::too_many_arguments)]
pub fn mm<F: Float>(
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
    gemm(trans_a, trans_b, m, n, k, F::ONE, a, lda, b, ldb, beta, c, ldc);
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

/// Whether example `b` is still running at step `t` (not past its length).
#[inline]
pub fn active(lengths: Option<&[i32]>, t: usize, b: usize) -> bool {
    lengths.is_none_or(|l| t < l[b] as usize)
}

/// The [T*B, G*H] pre-activations of the input side for all steps at once: x·wx + bias.
pub fn input_projection<F: Float>(d: Dims, x: &[F], wx: &[F], bias: &[F]) -> Vec<F> {
    let rows = d.t * d.b;
    let mut xp = vec![F::ZERO; rows * d.gh];
    mm(false, false, rows, d.gh, d.x, x, d.x, wx, d.gh, F::ZERO, &mut xp, d.gh);
    for row in xp.chunks_exact_mut(d.gh.max(1)) {
        for (v, &bias) in row.iter_mut().zip(bias) {
            *v += bias;
        }
    }
    xp
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

/// Splits a [T, B, H] buffer into (steps before t, step t) so step t can be written while
/// step t-1 is read. `init` is the state before step 0.
pub fn step_views<'s, F>(buf: &'s mut [F], init: &'s [F], t: usize, bh: usize) -> (&'s [F], &'s mut [F]) {
    let (done, rest) = buf.split_at_mut(t * bh);
    let done: &'s [F] = done;
    let prev: &'s [F] = if t == 0 { init } else { &done[(t - 1) * bh..] };
    (&prev[..bh], &mut rest[..bh])
}

/// The state before step t, read-only: `init` at t = 0, else step t-1 of `buf`.
pub fn prev_state<'s, F>(buf: &'s [F], init: &'s [F], t: usize, bh: usize) -> &'s [F] {
    if t == 0 {
        &init[..bh]
    } else {
        &buf[(t - 1) * bh..t * bh]
    }
}

/// dst[j] = sum over `rows` rows of src[r*ld + j], j < dst.len().
pub fn column_sums<F: Float>(dst: &mut [F], src: &[F], rows: usize, ld: usize) {
    dst.fill(F::ZERO);
    for r in 0..rows {
        for (v, &s) in dst.iter_mut().zip(&src[r * ld..]) {
            *v += s;
        }
    }
}

/// After the time loop: dwx = x^T·dpre, dbx = column sums of dpre, dx = dpre·wx^T, each one
/// GEMM over all T*B rows.
pub fn input_side_grads<F: Float>(d: Dims, x: &[F], wx: &[F], dpre: &[F], dx: &mut [F], dwx: &mut [F], dbx: &mut [F]) {
    let rows = d.t * d.b;
    mm(true, false, d.x, d.gh, rows, x, d.x, dpre, d.gh, F::ZERO, dwx, d.gh);
    column_sums(dbx, dpre, rows, d.gh);
    mm(false, true, rows, d.x, d.gh, dpre, d.gh, wx, d.gh, F::ZERO, dx, d.x);
}

/// dw[:, cols] = Hprev^T·g where Hprev = [h0; hs[0..T-1]] is [T*B, H] and g is the
/// [T*B, n] gradient of the recurrent projection (row stride `ldg`). Two GEMMs (h0 rows,
/// then the contiguous hs rows), no copy of Hprev. `dw` starts at the first column, stride ldw.
#[allow(clippy::too_many_arguments)]
pub fn recurrent_weight_grad<F: Float>(d: Dims, h0: &[F], hs: &[F], g: &[F], ldg: usize, n: usize, dw: &mut [F], ldw: usize) {
    let first = if d.t == 0 { 0 } else { d.b };
    mm(true, false, d.h, n, first, h0, d.h, g, ldg, F::ZERO, dw, ldw);
    if d.t > 1 {
        let rest = (d.t - 1) * d.b;
        mm(true, false, d.h, n, rest, hs, d.h, tail(g, d.b * ldg), ldg, F::ONE, dw, ldw);
    }
}

/// The running gradient of a [B, H] state entering the backward loop: the given one or zeros.
pub fn initial_grad<F: Float>(given: Option<&[F]>, len: usize) -> Vec<F> {
    given.map_or_else(|| vec![F::ZERO; len], <[F]>::to_vec)
}

/// dh += dhs[t] when per-step output gradients were given.
pub fn add_output_grad<F: Float>(dh: &mut [F], dhs: Option<&[F]>, t: usize) {
    if let Some(dhs) = dhs {
        let bh = dh.len();
        for (v, &g) in dh.iter_mut().zip(&dhs[t * bh..(t + 1) * bh]) {
            *v += g;
        }
    }
}
