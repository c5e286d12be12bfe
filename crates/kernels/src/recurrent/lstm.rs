//! LSTM, gates i, f, g, o stacked in that order:
//!   c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t),
//! with i, f, o = sigmoid (or the hard sigmoid, `recurrent_activation`) and g = tanh of
//! the pre-activations x_t·wx + bx + h_{t-1}·wh + bh. `gates` stores the activated
//! i, f, g, o per (t, b).
//!
//! Forward: x·wx of all steps goes straight into `gates` (one GEMM); each step adds
//! h_{t-1}·wh there and one fused pass (`ForwardStep`) turns the pre-activations (+ bias)
//! into gates, c_t and h_t in place. Backward: per step one fused pass (`BackwardStep`)
//! and dh_{t-1} = dpre_t·wh^T; the weight gradients are big GEMMs after the loop. The time
//! loops run in `driver` (threads over the batch or sharing each step).

use super::args::{GateActivation, RecurrentBackward, RecurrentForward};
use super::common::{
    backward_outputs, carry_grad, combined_bias, incoming_grad, input_projection_into, prev_step_rows, step_rows, Exec,
};
use super::driver::{self, final_grad, Phase, StateGrads, StepCell};
use super::scratch;
use super::simd::{get, get_plus, math, put, rows_of, run_rows, Lanes, RowKernel, StepRows};
use super::step_gemm::{step_mm, Cols, StepWeight};
use super::team::Shared;
use super::validate::Dims;
use crate::float::Float;

fn missing(arg: &str) -> String {
    format!("{arg} is required for the lstm cell")
}

pub fn forward<F: Float>(ex: Exec, d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let cs = a.cs.ok_or_else(|| missing("cs"))?;
    let zeros = vec![F::ZERO; if a.c0.is_none() { b_n * h } else { 0 }];
    let c0 = a.c0.unwrap_or(&zeros);
    let bias = combined_bias(a.bx, a.bh, |_| true);
    input_projection_into(ex, d, a.x, a.wx, a.gates, gh);
    let wh = StepWeight::columns(ex, t_n, b_n, a.wh, gh, h, 0, gh);
    let cell = Forward {
        ex,
        d,
        act: a.recurrent_activation,
        wh: &wh,
        bias: &bias,
        h0: a.h0,
        c0,
        lengths: a.lengths,
        hs: Shared::new(a.hs),
        cs: Shared::new(cs),
        gates: Shared::new(a.gates),
    };
    driver::run(ex, t_n, b_n, b_n * h * gh, false, &cell);
    Ok(())
}

/// The forward step: gates_t += h_{t-1}·wh, then the gate pass.
struct Forward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: GateActivation,
    wh: &'a StepWeight<'a, F>,
    bias: &'a [F],
    h0: &'a [F],
    c0: &'a [F],
    lengths: Option<&'a [i32]>,
    hs: Shared<F>,
    cs: Shared<F>,
    gates: Shared<F>,
}

impl<F: Float> StepCell<F> for Forward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        &[Phase::Gemm, Phase::Rows]
    }
    unsafe fn gemm(&self, _: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h, gh) = (self.d.b, self.d.h, self.d.gh);
        let hp = self.hs.prev_ptr(self.h0, t, b, r0, h);
        step_mm(self.wh, r1 - r0, hp, h, F::ONE, self.gates.ptr((t * b + r0) * gh), gh, cols);
    }
    unsafe fn rows(&self, _: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, gh, rows) = (self.d.b, self.d.h, self.d.gh, r1 - r0);
        let step = ForwardStep {
            h,
            act: self.act,
            bias: self.bias,
            gates: self.gates.slice_mut((t * b + r0) * gh, rows * gh),
            cp: self.cs.prev_rows(self.c0, t, b, (r0, r1), h),
            ct: self.cs.slice_mut((t * b + r0) * h, rows * h),
            hp: self.hs.prev_rows(self.h0, t, b, (r0, r1), h),
            ht: self.hs.slice_mut((t * b + r0) * h, rows * h),
        };
        run_rows(self.ex.isa, StepRows::of(h, t, self.lengths, (r0, r1)), step);
    }
}

/// One step on a block of rows. `gates` [rows, 4H] holds x·wx + h·wh on entry (bias not
/// yet added) and the activated i, f, g, o on return.
struct ForwardStep<'s, F> {
    h: usize,
    act: GateActivation,
    bias: &'s [F],
    gates: &'s mut [F],
    cp: &'s [F],
    ct: &'s mut [F],
    hp: &'s [F],
    ht: &'s mut [F],
}

impl<F: Float> RowKernel<F> for ForwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        debug_assert!(self.gates.len() == 4 * self.ht.len() && self.ct.len() == self.ht.len());
        debug_assert!(self.cp.len() == self.ht.len() && self.hp.len() == self.ht.len());
        debug_assert!(self.bias.len() == 4 * self.h);
        rows_of(self.ht.len(), self.h)
    }
    fn skip(&mut self, r: usize) {
        // Past the example's length: carry the state, store zero gates.
        let (h, row) = (self.h, r * self.h..(r + 1) * self.h);
        self.ht[row.clone()].copy_from_slice(&self.hp[row.clone()]);
        self.ct[row.clone()].copy_from_slice(&self.cp[row]);
        self.gates[4 * h * r..4 * h * (r + 1)].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: r < rows and j + n <= h (RowKernel contract), and `rows` checked the
        // slice lengths, so every offset below is in bounds.
        let h = self.h;
        let (g, at) = (4 * h * r + j, r * h + j);
        // (No closures here: one that is not inlined would be compiled without the
        // target features, turning every intrinsic into a call.)
        let (gates, bias) = (&*self.gates, self.bias);
        let i = math::gate(self.act, get::<V, F>(gates, g, n).add(get(bias, j, n)));
        let f = math::gate(self.act, get::<V, F>(gates, g + h, n).add(get(bias, j + h, n)));
        let gg = math::tanh(get::<V, F>(gates, g + 2 * h, n).add(get(bias, j + 2 * h, n)));
        let o = math::gate(self.act, get::<V, F>(gates, g + 3 * h, n).add(get(bias, j + 3 * h, n)));
        let c = f.mul_add(get(self.cp, at, n), i.mul(gg));
        let hv = o.mul(math::tanh(c));
        put(i, self.gates, g, n);
        put(f, self.gates, g + h, n);
        put(gg, self.gates, g + 2 * h, n);
        put(o, self.gates, g + 3 * h, n);
        put(c, self.ct, at, n);
        put(hv, self.ht, at, n);
    }
}

pub fn backward<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let cs = a.cs.ok_or_else(|| missing("cs"))?;
    let zeros = vec![F::ZERO; b_n * h];
    let c0 = a.c0.unwrap_or(&zeros);
    // Every element of dpre is written before it is read (the skip path writes zeros).
    scratch::with_buffer(t_n * b_n * gh, |dpre: &mut [F]| backward_into(ex, d, a, cs, c0, dpre));
    Ok(())
}

/// The backward pass with `dpre` [T, B, 4H] as the pre-activation gradient buffer.
fn backward_into<F: Float>(ex: Exec, d: Dims, mut a: RecurrentBackward<'_, F>, cs: &[F], c0: &[F], dpre: &mut [F]) {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let wh_t = StepWeight::transposed_columns(ex, t_n, b_n, a.wh, gh, h, 0, gh);
    let mut dh = incoming_grad(a.dh_t, 0..b_n * h);
    let mut dc = incoming_grad(a.dc_t, 0..b_n * h);
    let mut dh_prev = vec![F::ZERO; b_n * h];
    {
        let cell = Backward {
            ex,
            d,
            act: a.recurrent_activation,
            wh_t: &wh_t,
            c0,
            cs,
            store: a.gates,
            lengths: a.lengths,
            dhs: a.dhs,
            grads: StateGrads::new(&mut dh, &mut dh_prev, t_n),
            dc: Shared::new(&mut dc),
            dpre: Shared::new(dpre),
        };
        driver::run(ex, t_n, b_n, b_n * h * gh, true, &cell);
    }
    if let Some(dc0) = a.dc0.as_deref_mut() {
        dc0.copy_from_slice(&dc);
    }
    backward_outputs(ex, d, &mut a, final_grad(t_n, &dh, &dh_prev), dpre);
}

/// The backward step: the gate pass, then dh_{t-1} += dpre_t·wh^T.
struct Backward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: GateActivation,
    wh_t: &'a StepWeight<'a, F>,
    c0: &'a [F],
    cs: &'a [F],
    store: &'a [F],
    lengths: Option<&'a [i32]>,
    dhs: Option<&'a [F]>,
    grads: StateGrads<F>,
    dc: Shared<F>,
    dpre: Shared<F>,
}

impl<F: Float> StepCell<F> for Backward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        &[Phase::Rows, Phase::Gemm]
    }
    unsafe fn rows(&self, _: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, gh, rows) = (self.d.b, self.d.h, self.d.gh, r1 - r0);
        let (dh, dh_prev) = self.grads.at(t);
        let pass = BackwardStep {
            h,
            act: self.act,
            store: step_rows(self.store, t, b, r0, r1, gh),
            c_t: step_rows(self.cs, t, b, r0, r1, h),
            cp: prev_step_rows(self.c0, self.cs, t, b, r0, r1, h),
            dhs: self.dhs.map(|v| step_rows(v, t, b, r0, r1, h)),
            dh: dh.slice(r0 * h, rows * h),
            dc: self.dc.slice_mut(r0 * h, rows * h),
            dpre: self.dpre.slice_mut((t * b + r0) * gh, rows * gh),
            dh_prev: dh_prev.slice_mut(r0 * h, rows * h),
        };
        run_rows(self.ex.isa, StepRows::of(h, t, self.lengths, (r0, r1)), pass);
    }
    unsafe fn gemm(&self, _: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h, gh) = (self.d.b, self.d.h, self.d.gh);
        let (_, dh_prev) = self.grads.at(t);
        step_mm(self.wh_t, r1 - r0, self.dpre.ptr((t * b + r0) * gh), gh, F::ONE, dh_prev.ptr(r0 * h), h, cols);
    }
}

/// One backward step on a block of rows: from the gradient dh (+ dhs_t) of h_t and the
/// running dc, the pre-activation gradients dpre_t [rows, 4H] and dc for step t-1; dh_prev
/// is set to the part of dh_{t-1} that does not go through wh (zero, or all of dh for an
/// example past its length).
struct BackwardStep<'s, F> {
    h: usize,
    act: GateActivation,
    store: &'s [F],
    c_t: &'s [F],
    cp: &'s [F],
    dhs: Option<&'s [F]>,
    dh: &'s [F],
    dc: &'s mut [F],
    dpre: &'s mut [F],
    dh_prev: &'s mut [F],
}

impl<F: Float> RowKernel<F> for BackwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.dh.len();
        debug_assert!(self.store.len() == 4 * n && self.dpre.len() == 4 * n);
        debug_assert!(self.c_t.len() == n && self.cp.len() == n && self.dc.len() == n && self.dh_prev.len() == n);
        debug_assert!(self.dhs.map_or(true, |v| v.len() == n));
        rows_of(n, self.h)
    }
    fn skip(&mut self, r: usize) {
        // Carried step: dh and dc pass straight through to step t-1.
        let (h, row) = (self.h, r * self.h..(r + 1) * self.h);
        carry_grad(self.dh_prev, self.dh, self.dhs, row.clone());
        self.dpre[4 * h * r..4 * h * (r + 1)].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: as in ForwardStep::lanes.
        let h = self.h;
        let (g, at) = (4 * h * r + j, r * h + j);
        let s = self.store;
        let (i, f, gg, o): (V, V, V, V) = (get(s, g, n), get(s, g + h, n), get(s, g + 2 * h, n), get(s, g + 3 * h, n));
        let dh: V = get_plus(self.dh, self.dhs, at, n);
        let tc = math::tanh(get::<V, F>(self.c_t, at, n));
        // dc_t = dc + dh·o·(1 - tanh²c)
        let dct = dh.mul(o).mul(math::tanh_grad(tc)).add(get(self.dc, at, n));
        put(dct.mul(gg).mul(math::gate_grad(self.act, i)), self.dpre, g, n);
        put(dct.mul(get(self.cp, at, n)).mul(math::gate_grad(self.act, f)), self.dpre, g + h, n);
        put(dct.mul(i).mul(math::tanh_grad(gg)), self.dpre, g + 2 * h, n);
        put(dh.mul(tc).mul(math::gate_grad(self.act, o)), self.dpre, g + 3 * h, n);
        put(dct.mul(f), self.dc, at, n);
        put(V::splat(0.0), self.dh_prev, at, n);
    }
}
