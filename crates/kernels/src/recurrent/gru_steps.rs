//! The fused elementwise passes of the GRU (see gru.rs for the formulas and the buffers).
//! Each works on one thread's block of rows at one step; store rows are [r, z, n, hn] (4H).

use super::args::GateActivation;
use super::common::carry_grad;
use super::simd::{get, get_plus, math, put, rows_of, Lanes, RowKernel};
use crate::float::Float;

/// Forward, after rec = h_{t-1}·wh [rows, 3H]. `store` holds x·wx in its first 3H columns
/// on entry. Writes r, z and hn = rec_n + bh_n; with resetAfter also n and h_t; otherwise
/// the biased x·wx_n stays in the n slot and rh = r*h_{t-1} feeds the second GEMM.
/// An example past its length stores zeros and carries h.
pub(crate) struct ForwardGates<'s, F> {
    pub reset_after: bool,
    pub act: GateActivation,
    pub h: usize,
    pub bias: &'s [F],
    pub bh_n: &'s [F],
    pub store: &'s mut [F],
    pub rec: &'s [F],
    pub hp: &'s [F],
    pub ht: &'s mut [F],
    pub rh: &'s mut [F],
}

impl<F: Float> RowKernel<F> for ForwardGates<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.hp.len();
        debug_assert!(self.store.len() == 4 * n && self.rec.len() == 3 * n && self.ht.len() == n);
        debug_assert!(self.rh.len() == if self.reset_after { 0 } else { n });
        debug_assert!(self.bias.len() == 3 * self.h && self.bh_n.len() == self.h);
        rows_of(n, self.h)
    }
    fn skip(&mut self, r: usize) {
        let h = self.h;
        self.store[4 * h * r..4 * h * (r + 1)].fill(F::ZERO);
        let row = r * h..(r + 1) * h;
        if self.reset_after {
            self.ht[row.clone()].copy_from_slice(&self.hp[row]);
        } else {
            self.rh[row].fill(F::ZERO);
        }
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: r < rows, j + n <= h (RowKernel contract), and `rows` checked the slice
        // lengths, so every offset below is in bounds.
        let h = self.h;
        let (s, rc, at) = (4 * h * r + j, 3 * h * r + j, r * h + j);
        // (No closures: see lstm::ForwardStep::lanes.)
        let (st, b) = (&*self.store, self.bias);
        let x_r = get::<V, F>(st, s, n).add(get(b, j, n));
        let x_z = get::<V, F>(st, s + h, n).add(get(b, j + h, n));
        let x_n = get::<V, F>(st, s + 2 * h, n).add(get(b, j + 2 * h, n));
        let rg = math::gate(self.act, x_r.add(get(self.rec, rc, n)));
        let z = math::gate(self.act, x_z.add(get(self.rec, rc + h, n)));
        let hn = get::<V, F>(self.rec, rc + 2 * h, n).add(get(self.bh_n, j, n));
        put(rg, self.store, s, n);
        put(z, self.store, s + h, n);
        put(hn, self.store, s + 3 * h, n);
        let hp: V = get(self.hp, at, n);
        if self.reset_after {
            let cand = math::tanh(rg.mul_add(hn, x_n));
            put(cand, self.store, s + 2 * h, n);
            put(z.mul_add(hp.sub(cand), cand), self.ht, at, n);
        } else {
            put(x_n, self.store, s + 2 * h, n);
            put(rg.mul(hp), self.rh, at, n);
        }
    }
}

/// Forward without resetAfter, after rec_n = (r*h_{t-1})·wh_n: n = tanh(x_n + rec_n) and
/// h_t = z*h_{t-1} + (1-z)*n. Rows past their length were settled by `ForwardGates`
/// except h, carried here.
pub(crate) struct Candidate<'s, F> {
    pub h: usize,
    pub store: &'s mut [F],
    pub rec: &'s [F],
    pub hp: &'s [F],
    pub ht: &'s mut [F],
}

impl<F: Float> RowKernel<F> for Candidate<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.hp.len();
        debug_assert!(self.store.len() == 4 * n && self.rec.len() == 3 * n && self.ht.len() == n);
        rows_of(n, self.h)
    }
    fn skip(&mut self, r: usize) {
        let row = r * self.h..(r + 1) * self.h;
        self.ht[row.clone()].copy_from_slice(&self.hp[row]);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: as in ForwardGates::lanes.
        let h = self.h;
        let (s, at) = (4 * h * r + j, r * h + j);
        let z: V = get(self.store, s + h, n);
        let cand = math::tanh(get::<V, F>(self.store, s + 2 * h, n).add(get(self.rec, 3 * h * r + 2 * h + j, n)));
        put(cand, self.store, s + 2 * h, n);
        put(z.mul_add(get::<V, F>(self.hp, at, n).sub(cand), cand), self.ht, at, n);
    }
}

/// Backward, one step: from dh (+ dhs_t), writes dz and dn of dpre [rows, 3H], dh_prev =
/// dh·z, and with resetAfter dr and aux = dn·r; otherwise aux = r*h_{t-1} (dr comes later,
/// in `ResetGrad`). An example past its length: dpre = aux = 0, dh_prev = dh + dhs.
pub(crate) struct BackwardStep<'s, F> {
    pub reset_after: bool,
    pub act: GateActivation,
    pub h: usize,
    pub store: &'s [F],
    pub hp: &'s [F],
    pub dh: &'s [F],
    pub dhs: Option<&'s [F]>,
    pub dpre: &'s mut [F],
    pub aux: &'s mut [F],
    pub dh_prev: &'s mut [F],
}

impl<F: Float> RowKernel<F> for BackwardStep<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.dh.len();
        debug_assert!(self.store.len() == 4 * n && self.dpre.len() == 3 * n && self.aux.len() == n);
        debug_assert!(self.hp.len() == n && self.dh_prev.len() == n && self.dhs.map_or(true, |v| v.len() == n));
        rows_of(n, self.h)
    }
    fn skip(&mut self, r: usize) {
        let (h, row) = (self.h, r * self.h..(r + 1) * self.h);
        carry_grad(self.dh_prev, self.dh, self.dhs, row.clone());
        self.dpre[3 * h * r..3 * h * (r + 1)].fill(F::ZERO);
        self.aux[row].fill(F::ZERO);
    }
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: as in ForwardGates::lanes.
        let h = self.h;
        let (s, dp, at) = (4 * h * r + j, 3 * h * r + j, r * h + j);
        let (rg, z, cand): (V, V, V) =
            (get(self.store, s, n), get(self.store, s + h, n), get(self.store, s + 2 * h, n));
        let hp: V = get(self.hp, at, n);
        let dh: V = get_plus(self.dh, self.dhs, at, n);
        let dn = dh.mul(V::splat(1.0).sub(z)).mul(math::tanh_grad(cand));
        put(dh.mul(hp.sub(cand)).mul(math::gate_grad(self.act, z)), self.dpre, dp + h, n);
        put(dn, self.dpre, dp + 2 * h, n);
        put(dh.mul(z), self.dh_prev, at, n);
        if self.reset_after {
            let hn: V = get(self.store, s + 3 * h, n);
            put(dn.mul(hn).mul(math::gate_grad(self.act, rg)), self.dpre, dp, n);
            put(dn.mul(rg), self.aux, at, n);
        } else {
            put(rg.mul(hp), self.aux, at, n);
        }
    }
}

/// Backward without resetAfter, after drh = dn·wh_n^T: dr = drh·h_{t-1}·r(1-r) and
/// dh_prev += drh·r. Rows past their length were settled by `BackwardStep`.
pub(crate) struct ResetGrad<'s, F> {
    pub act: GateActivation,
    pub h: usize,
    pub store: &'s [F],
    pub hp: &'s [F],
    pub drh: &'s [F],
    pub dpre: &'s mut [F],
    pub dh_prev: &'s mut [F],
}

impl<F: Float> RowKernel<F> for ResetGrad<'_, F> {
    #[inline(always)]
    fn rows(&self) -> usize {
        let n = self.hp.len();
        debug_assert!(self.store.len() == 4 * n && self.dpre.len() == 3 * n);
        debug_assert!(self.drh.len() == n && self.dh_prev.len() == n);
        rows_of(n, self.h)
    }
    fn skip(&mut self, _r: usize) {}
    #[inline(always)]
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize) {
        // SAFETY: as in ForwardGates::lanes.
        let h = self.h;
        let at = r * h + j;
        let rg: V = get(self.store, 4 * h * r + j, n);
        let drh: V = get(self.drh, at, n);
        put(drh.mul(get(self.hp, at, n)).mul(math::gate_grad(self.act, rg)), self.dpre, 3 * h * r + j, n);
        put(drh.mul_add(rg, get(self.dh_prev, at, n)), self.dh_prev, at, n);
    }
}
