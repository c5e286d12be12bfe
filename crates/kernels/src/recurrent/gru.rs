//! GRU, gates r, z, n stacked in that order, h_t = z*h_{t-1} + (1-z)*n (PyTorch / Keras):
//!   r = sigmoid(x·wx_r + bx_r + h·wh_r + bh_r),  z likewise (or the hard sigmoid,
//!   `recurrent_activation`),
//!   resetAfter:  n = tanh(x·wx_n + bx_n + r*(h·wh_n + bh_n))
//!   otherwise:   n = tanh(x·wx_n + bx_n + bh_n + (r*h)·wh_n)
//! `gates` stores per (t, b): r, z, n and h_{t-1}·wh_n (+ bh_n when resetAfter).
//!
//! Forward: x·wx of all steps goes into the first 3H columns of `gates`; each step computes
//! h_{t-1}·wh into `rec` [B, 3H] and the fused passes of `gru_steps` turn both into the
//! stored gates and h_t (resetAfter: one pass; otherwise r first, then the second GEMM
//! (r*h)·wh_n, then the candidate). The time loops run in `driver`.

use super::args::{GateActivation, RecurrentBackward, RecurrentForward};
use super::common::{
    column_sums, combined_bias, incoming_grad, input_projection_into, input_side_grads, mm, recurrent_weight_grad,
    prev_step_rows, step_rows, tail, tail_mut, Exec,
};
use super::driver::{self, final_grad, Phase, StateGrads, StepCell};
use super::gru_steps::{BackwardStep, Candidate, ForwardGates, ResetGrad};
use super::scratch;
use super::simd::{run_rows, StepRows};
use super::step_gemm::{step_mm, Cols, StepWeight};
use super::team::Shared;
use super::validate::Dims;
use crate::float::Float;

pub fn forward<F: Float>(ex: Exec, d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h, gh, sw) = (d.t, d.b, d.h, d.gh, d.store);
    let reset_after = a.reset_after;
    // With resetAfter bh_n sits inside r*(...), so it is not part of the input-side bias.
    let bias = combined_bias(a.bx, a.bh, |j| !(reset_after && j >= 2 * h));
    let bh_n: Vec<F> = match a.bh {
        Some(v) if reset_after => v[2 * h..].to_vec(),
        _ => vec![F::ZERO; h],
    };
    input_projection_into(ex, d, a.x, a.wx, a.gates, sw);
    let wh = StepWeight::columns(ex, t_n, b_n, a.wh, gh, h, 0, gh);
    // Without resetAfter the candidate needs (r*h)·wh_n as well: wh_n on its own.
    let wh_n = (!reset_after).then(|| StepWeight::columns(ex, t_n, b_n, a.wh, gh, h, 2 * h, h));
    let mut rec = vec![F::ZERO; b_n * gh];
    let mut rh = vec![F::ZERO; if reset_after { 0 } else { b_n * h }];
    let cell = Forward {
        ex,
        d,
        act: a.recurrent_activation,
        reset_after,
        wh: &wh,
        wh_n: wh_n.as_ref(),
        bias: &bias,
        bh_n: &bh_n,
        h0: a.h0,
        lengths: a.lengths,
        hs: Shared::new(a.hs),
        store: Shared::new(a.gates),
        rec: Shared::new(&mut rec),
        rh: Shared::new(&mut rh),
    };
    let work = b_n * h * if reset_after { gh } else { gh + h };
    driver::run(ex, t_n, b_n, work, false, &cell);
    Ok(())
}

/// The forward step: rec = h_{t-1}·wh, the gate pass; without resetAfter then
/// rec_n = (r*h_{t-1})·wh_n and the candidate pass.
struct Forward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: GateActivation,
    reset_after: bool,
    wh: &'a StepWeight<'a, F>,
    wh_n: Option<&'a StepWeight<'a, F>>,
    bias: &'a [F],
    bh_n: &'a [F],
    h0: &'a [F],
    lengths: Option<&'a [i32]>,
    hs: Shared<F>,
    store: Shared<F>,
    rec: Shared<F>,
    rh: Shared<F>,
}

impl<F: Float> StepCell<F> for Forward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        if self.reset_after {
            &[Phase::Gemm, Phase::Rows]
        } else {
            &[Phase::Gemm, Phase::Rows, Phase::Gemm, Phase::Rows]
        }
    }
    unsafe fn gemm(&self, phase: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h, gh) = (self.d.b, self.d.h, self.d.gh);
        let rec = self.rec.ptr(r0 * gh);
        match (phase, self.wh_n) {
            (0, _) => {
                let hp = self.hs.prev_ptr(self.h0, t, b, r0, h);
                step_mm(self.wh, r1 - r0, hp, h, F::ZERO, rec, gh, cols);
            }
            // The candidate's recurrent term is (r*h)·wh_n: a second, H-wide GEMM.
            (_, Some(wh_n)) => step_mm(wh_n, r1 - r0, self.rh.ptr(r0 * h), h, F::ZERO, rec.add(2 * h), gh, cols),
            (_, None) => unreachable!("gru: resetAfter has one GEMM per step"),
        }
    }
    unsafe fn rows(&self, phase: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, gh, sw, rows) = (self.d.b, self.d.h, self.d.gh, self.d.store, r1 - r0);
        let at = StepRows::of(h, t, self.lengths, (r0, r1));
        let store = self.store.slice_mut((t * b + r0) * sw, rows * sw);
        let rec = self.rec.slice(r0 * gh, rows * gh);
        let hp = self.hs.prev_rows(self.h0, t, b, (r0, r1), h);
        let ht = self.hs.slice_mut((t * b + r0) * h, rows * h);
        if phase == 1 {
            let rh = if self.reset_after { &mut [][..] } else { self.rh.slice_mut(r0 * h, rows * h) };
            let (reset_after, act, bias, bh_n) = (self.reset_after, self.act, self.bias, self.bh_n);
            let step = ForwardGates { reset_after, act, h, bias, bh_n, store, rec, hp, ht, rh };
            run_rows(self.ex.isa, at, step);
        } else {
            run_rows(self.ex.isa, at, Candidate { h, store, rec, hp, ht });
        }
    }
}

pub fn backward<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    // dpre: gradients of the input-side pre-activations [T*B, 3H] (r, z, n).
    // aux [T*B, H]: resetAfter: gradient of the recurrent n projection h·wh_n + bh_n (= dn·r);
    //               otherwise: r*h_{t-1}, the left operand of wh_n, for dwh_n.
    // Every element of dpre and aux is written before it is read (the skip paths write zeros).
    scratch::with_buffer(t_n * b_n * (gh + h), |buf: &mut [F]| backward_into(ex, d, a, buf));
    Ok(())
}

/// The backward pass with `buf` holding dpre [T, B, 3H] and aux [T, B, H].
fn backward_into<F: Float>(ex: Exec, d: Dims, a: RecurrentBackward<'_, F>, buf: &mut [F]) {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let reset_after = a.reset_after;
    let (dpre, rest) = buf.split_at_mut(t_n * b_n * gh);
    let aux = &mut rest[..t_n * b_n * h];
    // wh^T [3H, H]: rows 0..2H multiply [dr, dz], rows 2H..3H the n part.
    let wh_rz_t = StepWeight::transposed_columns(ex, t_n, b_n, a.wh, gh, h, 0, 2 * h);
    let wh_n_t = StepWeight::transposed_columns(ex, t_n, b_n, a.wh, gh, h, 2 * h, h);
    let mut dh = incoming_grad(a.dh_t, 0..b_n * h);
    let mut dh_prev = vec![F::ZERO; b_n * h];
    let mut drh = vec![F::ZERO; if reset_after { 0 } else { b_n * h }];
    {
        let cell = Backward {
            ex,
            d,
            act: a.recurrent_activation,
            reset_after,
            wh_rz_t: &wh_rz_t,
            wh_n_t: &wh_n_t,
            h0: a.h0,
            hs: a.hs,
            store: a.gates,
            lengths: a.lengths,
            dhs: a.dhs,
            grads: StateGrads::new(&mut dh, &mut dh_prev, t_n),
            drh: Shared::new(&mut drh),
            dpre: Shared::new(dpre),
            aux: Shared::new(aux),
        };
        driver::run(ex, t_n, b_n, b_n * h * (gh + h), true, &cell);
    }
    a.dh0.copy_from_slice(final_grad(t_n, &dh, &dh_prev));
    input_side_grads(ex, d, a.x, a.wx, dpre, a.dx, a.dwx, a.dbx);
    let rows = t_n * b_n;
    recurrent_weight_grad(ex, d, a.h0, a.hs, dpre, gh, 2 * h, a.dwh, gh);
    if reset_after {
        recurrent_weight_grad(ex, d, a.h0, a.hs, aux, h, h, tail_mut(a.dwh, 2 * h), gh);
    } else {
        mm(ex, true, false, h, h, rows, aux, h, tail(dpre, 2 * h), gh, F::ZERO, tail_mut(a.dwh, 2 * h), gh);
    }
    if let Some(dbh) = a.dbh {
        if reset_after {
            dbh[..2 * h].copy_from_slice(&a.dbx[..2 * h]);
            column_sums(ex, &mut dbh[2 * h..], aux, rows, h);
        } else {
            dbh.copy_from_slice(a.dbx);
        }
    }
}

/// The backward step: the gate pass, then dh_{t-1} += d(h·wh_n)·wh_n^T + [dr, dz]·wh_rz^T
/// (resetAfter); otherwise d(r*h) = dn·wh_n^T, the reset pass (dr and the r-path of
/// dh_{t-1}), then dh_{t-1} += [dr, dz]·wh_rz^T.
struct Backward<'a, F: Float> {
    ex: Exec,
    d: Dims,
    act: GateActivation,
    reset_after: bool,
    wh_rz_t: &'a StepWeight<'a, F>,
    wh_n_t: &'a StepWeight<'a, F>,
    h0: &'a [F],
    hs: &'a [F],
    store: &'a [F],
    lengths: Option<&'a [i32]>,
    dhs: Option<&'a [F]>,
    grads: StateGrads<F>,
    drh: Shared<F>,
    dpre: Shared<F>,
    aux: Shared<F>,
}

impl<F: Float> StepCell<F> for Backward<'_, F> {
    fn phases(&self) -> &'static [Phase] {
        if self.reset_after {
            &[Phase::Rows, Phase::Gemm]
        } else {
            &[Phase::Rows, Phase::Gemm, Phase::Rows, Phase::Gemm]
        }
    }
    unsafe fn rows(&self, phase: usize, t: usize, (r0, r1): (usize, usize)) {
        let (b, h, gh, sw, rows) = (self.d.b, self.d.h, self.d.gh, self.d.store, r1 - r0);
        let (dh, dh_prev) = self.grads.at(t);
        let at = StepRows::of(h, t, self.lengths, (r0, r1));
        let store = step_rows(self.store, t, b, r0, r1, sw);
        let hp = prev_step_rows(self.h0, self.hs, t, b, r0, r1, h);
        let dpre = self.dpre.slice_mut((t * b + r0) * gh, rows * gh);
        let dh_prev = dh_prev.slice_mut(r0 * h, rows * h);
        if phase == 0 {
            let step = BackwardStep {
                reset_after: self.reset_after,
                act: self.act,
                h,
                store,
                hp,
                dh: dh.slice(r0 * h, rows * h),
                dhs: self.dhs.map(|v| step_rows(v, t, b, r0, r1, h)),
                dpre,
                aux: self.aux.slice_mut((t * b + r0) * h, rows * h),
                dh_prev,
            };
            run_rows(self.ex.isa, at, step);
        } else {
            let drh = self.drh.slice(r0 * h, rows * h);
            run_rows(self.ex.isa, at, ResetGrad { act: self.act, h, store, hp, drh, dpre, dh_prev });
        }
    }
    unsafe fn gemm(&self, phase: usize, t: usize, (r0, r1): (usize, usize), cols: Cols) {
        let (b, h, gh, m) = (self.d.b, self.d.h, self.d.gh, r1 - r0);
        let (_, dh_prev) = self.grads.at(t);
        let (dpre_t, dh_prev) = (self.dpre.ptr((t * b + r0) * gh) as *const F, dh_prev.ptr(r0 * h));
        if self.reset_after {
            // dh_{t-1} += d(h·wh_n)·wh_n^T, then += [dr, dz]·[wh_r, wh_z]^T (both products
            // split the same columns, so a member may run both in one phase).
            step_mm(self.wh_n_t, m, self.aux.ptr((t * b + r0) * h), h, F::ONE, dh_prev, h, cols);
            step_mm(self.wh_rz_t, m, dpre_t, gh, F::ONE, dh_prev, h, cols);
        } else if phase == 1 {
            // d(r*h) = dn_pre·wh_n^T
            step_mm(self.wh_n_t, m, dpre_t.add(2 * h), gh, F::ZERO, self.drh.ptr(r0 * h), h, cols);
        } else {
            step_mm(self.wh_rz_t, m, dpre_t, gh, F::ONE, dh_prev, h, cols);
        }
    }
}
