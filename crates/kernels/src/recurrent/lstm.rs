//! LSTM, gates i, f, g, o stacked in that order:
//!   c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t),
//! with i, f, o = sigmoid and g = tanh of the pre-activations x_t·wx + bx + h_{t-1}·wh + bh.
//! `gates` stores the activated i, f, g, o per (t, b).
//!
//! Forward: x·wx of all steps goes straight into `gates` (one GEMM); each step adds
//! h_{t-1}·wh there and one fused pass (`ForwardStep`) turns the pre-activations (+ bias)
//! into gates, c_t and h_t in place. Backward: per step one fused pass (`BackwardStep`)
//! and dh_{t-1} = dpre_t·wh^T; the weight gradients are big GEMMs after the loop. Both
//! loops run on threads over blocks of batch rows (`batch`).

use super::args::{RecurrentBackward, RecurrentForward};
use super::batch;
use super::common::{
    carry_grad, combined_bias, incoming_grad, input_projection_into, input_side_grads, prev_rows,
    recurrent_weight_grad, step_rows, Exec,
};
use super::scratch;
use super::simd::{get, math, put, run_rows, Lanes, RowKernel, StepRows};
use super::step_gemm::{step_mm, step_mm_columns, StepWeight};
use super::team::{self, Shared};
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
    let wh = StepWeight::columns(ex.isa, a.wh, gh, h, 0, gh);
    let ranges = batch::ranges(b_n, t_n * b_n * h * gh, ex.threads);
    let team = if ranges.len() == 1 { team::size(b_n * h * gh, ex.threads) } else { 1 };
    if team > 1 {
        forward_team(ex, d, team, &wh, &bias, a.h0, c0, a.lengths, a.hs, cs, a.gates);
        return Ok(());
    }
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts: Vec<_> = batch::split_steps(a.hs, t_n, b_n, h, &ranges)
        .into_iter()
        .zip(batch::split_steps(cs, t_n, b_n, h, &ranges))
        .zip(batch::split_steps(a.gates, t_n, b_n, gh, &ranges))
        .collect();
    let (h0, lengths, bias, wh) = (a.h0, a.lengths, &bias[..], &wh);
    batch::run(&ranges, parts, |(lo, hi), ((mut hs, mut cs), gates)| {
        let (rows, lengths) = (hi - lo, lengths.map(|l| &l[lo..hi]));
        for (t, gates) in gates.into_iter().enumerate() {
            let (hp, ht) = prev_rows(&mut hs, &h0[lo * h..hi * h], t);
            let (cp, ct) = prev_rows(&mut cs, &c0[lo * h..hi * h], t);
            step_mm(gemm_threads, rows, hp, h, wh, F::ONE, gates, gh);
            run_rows(ex.isa, ForwardStep { h, t, lengths, bias, gates, cp, ct, hp, ht });
        }
    });
    Ok(())
}

/// The time loop with `team` threads on every step (see `team`): the step GEMM by column
/// panels, then the gate pass by rows, a barrier after each.
#[allow(clippy::too_many_arguments)]
fn forward_team<F: Float>(
    ex: Exec,
    d: Dims,
    team: usize,
    wh: &StepWeight<F>,
    bias: &[F],
    h0: &[F],
    c0: &[F],
    lengths: Option<&[i32]>,
    hs: &mut [F],
    cs: &mut [F],
    gates: &mut [F],
) {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let (hs, cs, gates) = (Shared::new(hs), Shared::new(cs), Shared::new(gates));
    team::run(team, |i, barrier| {
        let (cols, (r0, r1)) = (wh.column_part(team, i), team::part(b_n, 1, team, i));
        let rows = r1 - r0;
        for t in 0..t_n {
            // SAFETY: phase 1 reads h_{t-1} (written before the last barrier) and writes
            // this member's columns of gates_t; phase 2 touches this member's rows of
            // gates_t, c_t and h_t only and reads rows of c_{t-1}, h_{t-1}.
            unsafe {
                let hp = if t == 0 { h0.as_ptr() } else { hs.ptr((t - 1) * b_n * h) as *const F };
                step_mm_columns(b_n, hp, h, wh, F::ONE, gates.ptr(t * b_n * gh), gh, cols);
            }
            barrier.wait();
            unsafe {
                let step = ForwardStep {
                    h,
                    t,
                    lengths: lengths.map(|l| &l[r0..r1]),
                    bias,
                    gates: gates.slice_mut((t * b_n + r0) * gh, rows * gh),
                    cp: cs.prev_rows(c0, t, b_n, (r0, r1), h),
                    ct: cs.slice_mut((t * b_n + r0) * h, rows * h),
                    hp: hs.prev_rows(h0, t, b_n, (r0, r1), h),
                    ht: hs.slice_mut((t * b_n + r0) * h, rows * h),
                };
                run_rows(ex.isa, step);
            }
            barrier.wait();
        }
    });
}

/// One step on a block of rows. `gates` [rows, 4H] holds x·wx + h·wh on entry (bias not
/// yet added) and the activated i, f, g, o on return.
struct ForwardStep<'s, F> {
    h: usize,
    t: usize,
    lengths: Option<&'s [i32]>,
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
        self.ht.len().checked_div(self.h).unwrap_or(0)
    }
    #[inline(always)]
    fn step(&self) -> StepRows<'_> {
        StepRows { width: self.h, t: self.t, lengths: self.lengths }
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
        let i = math::sigmoid(get::<V, F>(gates, g, n).add(get(bias, j, n)));
        let f = math::sigmoid(get::<V, F>(gates, g + h, n).add(get(bias, j + h, n)));
        let gg = math::tanh(get::<V, F>(gates, g + 2 * h, n).add(get(bias, j + 2 * h, n)));
        let o = math::sigmoid(get::<V, F>(gates, g + 3 * h, n).add(get(bias, j + 3 * h, n)));
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
    let wh_t = StepWeight::transposed_columns(ex.isa, a.wh, gh, h, 0, gh);
    let ranges = batch::ranges(b_n, t_n * b_n * h * gh, ex.threads);
    let team = if ranges.len() == 1 { team::size(b_n * h * gh, ex.threads) } else { 1 };
    if team > 1 {
        backward_team(ex, d, team, &wh_t, &mut a, cs, c0, dpre);
    } else {
        backward_batch(ex, d, &ranges, &wh_t, &mut a, cs, c0, dpre);
    }
    input_side_grads(ex, d, a.x, a.wx, dpre, a.dx, a.dwx, a.dbx);
    recurrent_weight_grad(ex, d, a.h0, a.hs, dpre, gh, gh, a.dwh, gh);
    if let Some(dbh) = a.dbh {
        dbh.copy_from_slice(a.dbx);
    }
}

/// The time loop of the backward pass with `team` threads on every step (see `team`): the
/// gate pass by rows, then dh_{t-1} += dpre_t·wh^T by column panels, a barrier after each.
#[allow(clippy::too_many_arguments)]
fn backward_team<F: Float>(
    ex: Exec,
    d: Dims,
    team: usize,
    wh_t: &StepWeight<F>,
    a: &mut RecurrentBackward<'_, F>,
    cs: &[F],
    c0: &[F],
    dpre: &mut [F],
) {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let mut dh = incoming_grad(a.dh_t, 0..b_n * h);
    let mut dc = incoming_grad(a.dc_t, 0..b_n * h);
    let mut dh_prev = vec![F::ZERO; b_n * h];
    let (store_all, dhs, lengths) = (a.gates, a.dhs, a.lengths);
    {
        // The gradient of h_t is in grads[s % 2] at the s-th step of the loop, counted from 0.
        let grads = [Shared::new(&mut dh), Shared::new(&mut dh_prev)];
        let (dc, dpre) = (Shared::new(&mut dc), Shared::new(dpre));
        team::run(team, |i, barrier| {
            let (cols, (r0, r1)) = (wh_t.column_part(team, i), team::part(b_n, 1, team, i));
            let (rows, rh) = (r1 - r0, r0 * h..r1 * h);
            for (s, t) in (0..t_n).rev().enumerate() {
                let (dh, dh_prev) = (&grads[s % 2], &grads[(s + 1) % 2]);
                // SAFETY: phase 1 touches this member's rows of dpre_t, dc and dh_{t-1} and
                // reads its rows of dh_t (complete since the last barrier); phase 2 reads
                // all of dpre_t and writes this member's columns of dh_{t-1}.
                unsafe {
                    let pass = BackwardStep {
                        h,
                        t,
                        lengths: lengths.map(|l| &l[r0..r1]),
                        store: step_rows(store_all, t, b_n, r0, r1, gh),
                        c_t: step_rows(cs, t, b_n, r0, r1, h),
                        cp: if t == 0 { &c0[rh.clone()] } else { step_rows(cs, t - 1, b_n, r0, r1, h) },
                        dhs: dhs.map(|v| step_rows(v, t, b_n, r0, r1, h)),
                        dh: dh.slice(r0 * h, rows * h),
                        dc: dc.slice_mut(r0 * h, rows * h),
                        dpre: dpre.slice_mut((t * b_n + r0) * gh, rows * gh),
                        dh_prev: dh_prev.slice_mut(r0 * h, rows * h),
                    };
                    run_rows(ex.isa, pass);
                }
                barrier.wait();
                unsafe { step_mm_columns(b_n, dpre.ptr(t * b_n * gh), gh, wh_t, F::ONE, dh_prev.ptr(0), h, cols) };
                barrier.wait();
            }
        });
    }
    a.dh0.copy_from_slice(if t_n % 2 == 0 { &dh } else { &dh_prev });
    if let Some(dc0) = a.dc0.as_deref_mut() {
        dc0.copy_from_slice(&dc);
    }
}

/// The time loop of the backward pass on threads over batch ranges (see `batch`).
#[allow(clippy::too_many_arguments)]
fn backward_batch<F: Float>(
    ex: Exec,
    d: Dims,
    ranges: &[(usize, usize)],
    wh_t: &StepWeight<F>,
    a: &mut RecurrentBackward<'_, F>,
    cs: &[F],
    c0: &[F],
    dpre: &mut [F],
) {
    let (t_n, b_n, h, gh) = (d.t, d.b, d.h, d.gh);
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts: Vec<_> = batch::split_steps(dpre, t_n, b_n, gh, ranges)
        .into_iter()
        .zip(batch::split_steps(a.dh0, 1, b_n, h, ranges))
        .zip(match a.dc0.as_deref_mut() {
            Some(dc0) => batch::split_steps(dc0, 1, b_n, h, ranges).into_iter().map(|mut v| v.pop()).collect(),
            None => ranges.iter().map(|_| None).collect::<Vec<_>>(),
        })
        .collect();
    let (store_all, dhs, dh_t, dc_t, lengths) = (a.gates, a.dhs, a.dh_t, a.dc_t, a.lengths);
    batch::run(ranges, parts, |(lo, hi), ((mut dpre, mut dh0), dc0)| {
        let (rows, rh) = (hi - lo, lo * h..hi * h);
        let mut dh = incoming_grad(dh_t, rh.clone());
        let mut dc = incoming_grad(dc_t, rh.clone());
        let mut dh_prev = vec![F::ZERO; rows * h];
        let lengths = lengths.map(|l| &l[lo..hi]);
        for (t, dpre_t) in dpre.iter_mut().enumerate().rev() {
            let cp = if t == 0 { &c0[rh.clone()] } else { step_rows(cs, t - 1, b_n, lo, hi, h) };
            let (store, c_t) = (step_rows(store_all, t, b_n, lo, hi, gh), step_rows(cs, t, b_n, lo, hi, h));
            let dhs = dhs.map(|v| step_rows(v, t, b_n, lo, hi, h));
            let (dh_now, dpre_now) = (&dh[..], &mut dpre_t[..]);
            let pass = BackwardStep {
                h,
                t,
                lengths,
                store,
                c_t,
                cp,
                dhs,
                dh: dh_now,
                dc: &mut dc,
                dpre: dpre_now,
                dh_prev: &mut dh_prev,
            };
            run_rows(ex.isa, pass);
            step_mm(gemm_threads, rows, &dpre_t[..], gh, wh_t, F::ONE, &mut dh_prev, h);
            std::mem::swap(&mut dh, &mut dh_prev);
        }
        dh0[0].copy_from_slice(&dh);
        if let Some(dc0) = dc0 {
            dc0.copy_from_slice(&dc);
        }
    });
}

/// One backward step on a block of rows: from the gradient dh (+ dhs_t) of h_t and the
/// running dc, the pre-activation gradients dpre_t [rows, 4H] and dc for step t-1; dh_prev
/// is set to the part of dh_{t-1} that does not go through wh (zero, or all of dh for an
/// example past its length).
struct BackwardStep<'s, F> {
    h: usize,
    t: usize,
    lengths: Option<&'s [i32]>,
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
        n.checked_div(self.h).unwrap_or(0)
    }
    #[inline(always)]
    fn step(&self) -> StepRows<'_> {
        StepRows { width: self.h, t: self.t, lengths: self.lengths }
    }
    fn skip(&mut self, r: usize) {
        // Carried step: dh and dc pass straight through to step t-1.
        let (h, row) = (self.h, r * self.h..(r + 1) * self.h);
        carry_grad(&mut self.dh_prev[row.clone()], &self.dh[row.clone()], self.dhs.map(|d| &d[row.clone()]));
        self.dpre[4 * h * r..4 * h * (r + 1)].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: as in ForwardStep::lanes.
        let h = self.h;
        let (g, at) = (4 * h * r + j, r * h + j);
        let s = self.store;
        let (i, f, gg, o): (V, V, V, V) = (get(s, g, n), get(s, g + h, n), get(s, g + 2 * h, n), get(s, g + 3 * h, n));
        let mut dh: V = get(self.dh, at, n);
        if let Some(dhs) = self.dhs {
            dh = dh.add(get(dhs, at, n));
        }
        let tc = math::tanh(get::<V, F>(self.c_t, at, n));
        // dc_t = dc + dh·o·(1 - tanh²c)
        let dct = dh.mul(o).mul(math::tanh_grad(tc)).add(get(self.dc, at, n));
        put(dct.mul(gg).mul(math::sigmoid_grad(i)), self.dpre, g, n);
        put(dct.mul(get(self.cp, at, n)).mul(math::sigmoid_grad(f)), self.dpre, g + h, n);
        put(dct.mul(i).mul(math::tanh_grad(gg)), self.dpre, g + 2 * h, n);
        put(dh.mul(tc).mul(math::sigmoid_grad(o)), self.dpre, g + 3 * h, n);
        put(dct.mul(f), self.dc, at, n);
        put(V::splat(0.0), self.dh_prev, at, n);
    }
}
