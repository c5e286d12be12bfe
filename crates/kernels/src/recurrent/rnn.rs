//! Simple (Elman) RNN: h_t = tanh(x_t·wx + bx + h_{t-1}·wh + bh). Nothing is stored in
//! `gates`: tanh' is recovered from h_t itself.
//!
//! Forward: x·wx of all steps goes straight into `hs`; each step adds h_{t-1}·wh there and
//! applies bias + tanh in place. Threads over batch blocks as in the LSTM.

use super::args::{RecurrentBackward, RecurrentForward};
use super::batch;
use super::common::{
    carry_grad, combined_bias, incoming_grad, input_projection_into, input_side_grads, prev_rows,
    recurrent_weight_grad, step_rows, Exec,
};
use super::scratch;
use super::simd::{get, math, put, run_rows, Lanes, RowKernel, StepRows};
use super::step_gemm::{step_mm, StepWeight};
use super::validate::Dims;
use crate::float::Float;

pub fn forward<F: Float>(ex: Exec, d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    let bias = combined_bias(a.bx, a.bh, |_| true);
    input_projection_into(ex, d, a.x, a.wx, a.hs, h);
    let wh = StepWeight::columns(ex.isa, a.wh, h, h, 0, h);
    let ranges = batch::ranges(b_n, t_n * b_n * h * h, ex.threads);
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts = batch::split_steps(a.hs, t_n, b_n, h, &ranges);
    let (h0, lengths, bias, wh) = (a.h0, a.lengths, &bias[..], &wh);
    batch::run(&ranges, parts, |(lo, hi), mut hs| {
        for t in 0..t_n {
            let (hp, ht) = prev_rows(&mut hs, &h0[lo * h..hi * h], t);
            step_mm(gemm_threads, hi - lo, hp, h, wh, F::ONE, ht, h);
            run_rows(ex.isa, ForwardStep { h, t, lengths: lengths.map(|l| &l[lo..hi]), bias, hp, ht });
        }
    });
    Ok(())
}

/// ht = tanh(ht + bias) where ht holds x·wx + h·wh on entry.
struct ForwardStep<'s, F> {
    h: usize,
    t: usize,
    lengths: Option<&'s [i32]>,
    bias: &'s [F],
    hp: &'s [F],
    ht: &'s mut [F],
}

impl<F: Float> RowKernel<F> for ForwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        debug_assert!(self.hp.len() == self.ht.len() && self.bias.len() == self.h);
        self.ht.len().checked_div(self.h).unwrap_or(0)
    }
    #[inline(always)]
    fn step(&self) -> StepRows<'_> {
        StepRows { width: self.h, t: self.t, lengths: self.lengths }
    }
    fn skip(&mut self, r: usize) {
        let row = r * self.h..(r + 1) * self.h;
        self.ht[row.clone()].copy_from_slice(&self.hp[row]);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: r < rows, j + n <= h (RowKernel contract); lengths checked in `rows`.
        let at = r * self.h + j;
        let pre = get::<V, F>(self.ht, at, n).add(get(self.bias, j, n));
        put(math::tanh(pre), self.ht, at, n);
    }
}

pub fn backward<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    // Every element of dpre is written before it is read (the skip path writes zeros).
    scratch::with_buffer(t_n * b_n * h, |dpre: &mut [F]| backward_into(ex, d, a, dpre));
    Ok(())
}

/// The backward pass with `dpre` [T, B, H] as the pre-activation gradient buffer.
fn backward_into<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>, dpre: &mut [F]) {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    let wh_t = StepWeight::transposed_columns(ex.isa, a.wh, h, h, 0, h);
    let ranges = batch::ranges(b_n, t_n * b_n * h * h, ex.threads);
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts: Vec<_> = batch::split_steps(dpre, t_n, b_n, h, &ranges)
        .into_iter()
        .zip(batch::split_steps(a.dh0, 1, b_n, h, &ranges))
        .collect();
    let (hs, dhs, dh_t, lengths, wh_t) = (a.hs, a.dhs, a.dh_t, a.lengths, &wh_t);
    batch::run(&ranges, parts, |(lo, hi), (mut dpre, mut dh0)| {
        let rows = hi - lo;
        let mut dh = incoming_grad(dh_t, lo * h..hi * h);
        let mut dh_prev = vec![F::ZERO; rows * h];
        let lengths = lengths.map(|l| &l[lo..hi]);
        for (t, dpre_t) in dpre.iter_mut().enumerate().rev() {
            let (y, dhs) = (step_rows(hs, t, b_n, lo, hi, h), dhs.map(|v| step_rows(v, t, b_n, lo, hi, h)));
            let pass = BackwardStep { h, t, lengths, y, dhs, dh: &dh, dpre: &mut dpre_t[..], dh_prev: &mut dh_prev };
            run_rows(ex.isa, pass);
            step_mm(gemm_threads, rows, &dpre_t[..], h, wh_t, F::ONE, &mut dh_prev, h);
            std::mem::swap(&mut dh, &mut dh_prev);
        }
        dh0[0].copy_from_slice(&dh);
    });
    input_side_grads(ex, d, a.x, a.wx, dpre, a.dx, a.dwx, a.dbx);
    recurrent_weight_grad(ex, d, a.h0, a.hs, dpre, h, h, a.dwh, h);
    if let Some(dbh) = a.dbh {
        dbh.copy_from_slice(a.dbx);
    }
}

/// dpre = (dh + dhs)·(1 - y²) and dh_prev = 0, or for an example past its length dpre = 0
/// and dh_prev = dh + dhs (the gradient passes straight through to h_{t-1}).
struct BackwardStep<'s, F> {
    h: usize,
    t: usize,
    lengths: Option<&'s [i32]>,
    y: &'s [F],
    dhs: Option<&'s [F]>,
    dh: &'s [F],
    dpre: &'s mut [F],
    dh_prev: &'s mut [F],
}

impl<F: Float> RowKernel<F> for BackwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.dh.len();
        debug_assert!(self.y.len() == n && self.dpre.len() == n && self.dh_prev.len() == n);
        debug_assert!(self.dhs.map_or(true, |v| v.len() == n));
        n.checked_div(self.h).unwrap_or(0)
    }
    #[inline(always)]
    fn step(&self) -> StepRows<'_> {
        StepRows { width: self.h, t: self.t, lengths: self.lengths }
    }
    fn skip(&mut self, r: usize) {
        let row = r * self.h..(r + 1) * self.h;
        carry_grad(&mut self.dh_prev[row.clone()], &self.dh[row.clone()], self.dhs.map(|d| &d[row.clone()]));
        self.dpre[row].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: r < rows, j + n <= h (RowKernel contract); lengths checked in `rows`.
        let at = r * self.h + j;
        let mut dh: V = get(self.dh, at, n);
        if let Some(dhs) = self.dhs {
            dh = dh.add(get(dhs, at, n));
        }
        put(dh.mul(math::tanh_grad(get(self.y, at, n))), self.dpre, at, n);
        put(V::splat(0.0), self.dh_prev, at, n);
    }
}
