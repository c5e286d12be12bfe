//! Simple (Elman) RNN: h_t = act(x_t·wx + bx + h_{t-1}·wh + bh), act = tanh or relu
//! (`activation`). Nothing is stored in `gates`: act' is recovered from h_t itself.
//!
//! Forward: x·wx of all steps goes straight into `hs`; each step adds h_{t-1}·wh there and
//! applies bias + act in place. The time loops run in `driver`.

use super::args::{HiddenActivation, RecurrentBackward, RecurrentForward};
use super::common::{
    backward_outputs, carry_grad, combined_bias, incoming_grad, input_projection_into, step_rows, Exec,
};
use super::driver::{self, final_grad, Phase, StateGrads, StepCell};
use super::scratch;
use super::simd::{get, get_plus, math, put, rows_of, run_rows, Lanes, RowKernel, StepRows};
use super::step_gemm::{step_mm, Cols, StepWeight};
use super::team::Shared;
use super::validate::Dims;
use crate::float::Float;

pub fn forward<F: Float>(ex: Exec, d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    let bias = combined_bias(a.bx, a.bh, |_| true);
    input_projection_into(ex, d, a.x, a.wx, a.hs, h);
    let wh = StepWeight::columns(ex, t_n, b_n, a.wh, h, h, 0, h);
    let cell = Forward { ex, d, act: a.activation, wh: &wh, bias: &bias, h0: a.h0, lengths: a.lengths, hs: Shared::new(a.hs) };
    driver::run(ex, t_n, b_n, b_n * h * h, false, &cell);
    Ok(())
}

/// The forward step: hs_t += h_{t-1}·wh, then bias and act.
struct Forward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: HiddenActivation,
    wh: &'a StepWeight<'a, F>,
    bias: &'a [F],
    h0: &'a [F],
    lengths: Option<&'a [i32]>,
    hs: Shared<F>,
}

impl<F: Float> StepCell<F> for Forward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        &[Phase::Gemm, Phase::Rows]
    }
    unsafe fn gemm(&self, _: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h) = (self.d.b, self.d.h);
        let hp = self.hs.prev_ptr(self.h0, t, b, r0, h);
        step_mm(self.wh, r1 - r0, hp, h, F::ONE, self.hs.ptr((t * b + r0) * h), h, cols);
    }
    unsafe fn rows(&self, _: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, rows) = (self.d.b, self.d.h, r1 - r0);
        let step = ForwardStep {
            h,
            act: self.act,
            bias: self.bias,
            hp: self.hs.prev_rows(self.h0, t, b, (r0, r1), h),
            ht: self.hs.slice_mut((t * b + r0) * h, rows * h),
        };
        run_rows(self.ex.isa, StepRows::of(h, t, self.lengths, (r0, r1)), step);
    }
}

/// ht = act(ht + bias) where ht holds x·wx + h·wh on entry.
struct ForwardStep<'s, F> {
    h: usize,
    act: HiddenActivation,
    bias: &'s [F],
    hp: &'s [F],
    ht: &'s mut [F],
}

impl<F: Float> RowKernel<F> for ForwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        debug_assert!(self.hp.len() == self.ht.len() && self.bias.len() == self.h);
        rows_of(self.ht.len(), self.h)
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
        put(math::hidden(self.act, pre), self.ht, at, n);
    }
}

pub fn backward<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    // Every element of dpre is written before it is read (the skip path writes zeros).
    scratch::with_buffer(t_n * b_n * h, |dpre: &mut [F]| backward_into(ex, d, a, dpre));
    Ok(())
}

/// The backward pass with `dpre` [T, B, H] as the pre-activation gradient buffer.
fn backward_into<F: Float>(ex: Exec, d: Dims, mut a: RecurrentBackward<'_, F>, dpre: &mut [F]) {
    let (t_n, b_n, h) = (d.t, d.b, d.h);
    let wh_t = StepWeight::transposed_columns(ex, t_n, b_n, a.wh, h, h, 0, h);
    let mut dh = incoming_grad(a.dh_t, 0..b_n * h);
    let mut dh_prev = vec![F::ZERO; b_n * h];
    {
        let cell = Backward {
            ex,
            d,
            act: a.activation,
            wh_t: &wh_t,
            hs: a.hs,
            lengths: a.lengths,
            dhs: a.dhs,
            grads: StateGrads::new(&mut dh, &mut dh_prev, t_n),
            dpre: Shared::new(dpre),
        };
        driver::run(ex, t_n, b_n, b_n * h * h, true, &cell);
    }
    backward_outputs(ex, d, &mut a, final_grad(t_n, &dh, &dh_prev), dpre);
}

/// The backward step: the pass, then dh_{t-1} += dpre_t·wh^T.
struct Backward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: HiddenActivation,
    wh_t: &'a StepWeight<'a, F>,
    hs: &'a [F],
    lengths: Option<&'a [i32]>,
    dhs: Option<&'a [F]>,
    grads: StateGrads<F>,
    dpre: Shared<F>,
}

impl<F: Float> StepCell<F> for Backward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        &[Phase::Rows, Phase::Gemm]
    }
    unsafe fn rows(&self, _: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, rows) = (self.d.b, self.d.h, r1 - r0);
        let (dh, dh_prev) = self.grads.at(t);
        let pass = BackwardStep {
            h,
            act: self.act,
            y: step_rows(self.hs, t, b, r0, r1, h),
            dhs: self.dhs.map(|v| step_rows(v, t, b, r0, r1, h)),
            dh: dh.slice(r0 * h, rows * h),
            dpre: self.dpre.slice_mut((t * b + r0) * h, rows * h),
            dh_prev: dh_prev.slice_mut(r0 * h, rows * h),
        };
        run_rows(self.ex.isa, StepRows::of(h, t, self.lengths, (r0, r1)), pass);
    }
    unsafe fn gemm(&self, _: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h) = (self.d.b, self.d.h);
        let (_, dh_prev) = self.grads.at(t);
        step_mm(self.wh_t, r1 - r0, self.dpre.ptr((t * b + r0) * h), h, F::ONE, dh_prev.ptr(r0 * h), h, cols);
    }
}

/// dpre = (dh + dhs)·act'(from y) and dh_prev = 0, or for an example past its length dpre = 0
/// and dh_prev = dh + dhs (the gradient passes straight through to h_{t-1}).
struct BackwardStep<'s, F> {
    h: usize,
    act: HiddenActivation,
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
        rows_of(n, self.h)
    }
    fn skip(&mut self, r: usize) {
        let row = r * self.h..(r + 1) * self.h;
        carry_grad(self.dh_prev, self.dh, self.dhs, row.clone());
        self.dpre[row].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: r < rows, j + n <= h (RowKernel contract); lengths checked in `rows`.
        let at = r * self.h + j;
        let dh: V = get_plus(self.dh, self.dhs, at, n);
        put(dh.mul(math::hidden_grad(self.act, get(self.y, at, n))), self.dpre, at, n);
        put(V::splat(0.0), self.dh_prev, at, n);
    }
}
