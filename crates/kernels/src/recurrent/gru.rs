//! GRU, gates r, z, n stacked in that order, h_t = z*h_{t-1} + (1-z)*n (PyTorch / Keras):
//!   r = sigmoid(x·wx_r + bx_r + h·wh_r + bh_r),  z likewise,
//!   resetAfter:  n = tanh(x·wx_n + bx_n + r*(h·wh_n + bh_n))
//!   otherwise:   n = tanh(x·wx_n + bx_n + bh_n + (r*h)·wh_n)
//! `gates` stores per (t, b): r, z, n and h_{t-1}·wh_n (+ bh_n when resetAfter).
//!
//! Forward: x·wx of all steps goes into the first 3H columns of `gates`; each step computes
//! h_{t-1}·wh into a per-thread buffer and the fused passes of `gru_steps` turn both into
//! the stored gates and h_t (resetAfter: one pass; otherwise r first, then the second GEMM
//! (r*h)·wh_n, then the candidate). Threads over batch blocks as in the LSTM.

use super::args::{RecurrentBackward, RecurrentForward};
use super::batch;
use super::common::{
    column_sums, combined_bias, incoming_grad, input_projection_into, input_side_grads, mm, prev_rows,
    recurrent_weight_grad, step_rows, tail, tail_mut, Exec,
};
use super::gru_steps::{BackwardStep, Candidate, ForwardGates, ResetGrad};
use super::scratch;
use super::simd::run_rows;
use super::step_gemm::{step_mm, StepWeight};
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
    let wh = StepWeight::columns(ex.isa, a.wh, gh, h, 0, gh);
    // Without resetAfter the candidate needs (r*h)·wh_n as well: wh_n packed on its own.
    let wh_n = (!reset_after).then(|| StepWeight::columns(ex.isa, a.wh, gh, h, 2 * h, h));
    let ranges = batch::ranges(b_n, t_n * b_n * h * gh, ex.threads);
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts: Vec<_> = batch::split_steps(a.hs, t_n, b_n, h, &ranges)
        .into_iter()
        .zip(batch::split_steps(a.gates, t_n, b_n, sw, &ranges))
        .collect();
    let (h0, lengths, bias, bh_n, wh, wh_n) = (a.h0, a.lengths, &bias[..], &bh_n[..], &wh, &wh_n);
    batch::run(&ranges, parts, |(lo, hi), (mut hs, gates)| {
        let rows = hi - lo;
        let lengths = lengths.map(|l| &l[lo..hi]);
        let mut rec = vec![F::ZERO; rows * gh];
        let mut rh = vec![F::ZERO; if reset_after { 0 } else { rows * h }];
        for (t, store) in gates.into_iter().enumerate() {
            let (hp, ht) = prev_rows(&mut hs, &h0[lo * h..hi * h], t);
            step_mm(gemm_threads, rows, hp, h, wh, F::ZERO, &mut rec, gh);
            let step = ForwardGates {
                reset_after,
                h,
                t,
                lengths,
                bias,
                bh_n,
                store: &mut *store,
                rec: &rec,
                hp,
                ht: &mut *ht,
                rh: &mut rh,
            };
            run_rows(ex.isa, step);
            if let Some(wh_n) = wh_n {
                // The candidate's recurrent term is (r*h)·wh_n: a second, H-wide GEMM.
                step_mm(gemm_threads, rows, &rh, h, wh_n, F::ZERO, tail_mut(&mut rec, 2 * h), gh);
                run_rows(ex.isa, Candidate { h, t, lengths, store, rec: &rec, hp, ht });
            }
        }
    });
    Ok(())
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
    let (t_n, b_n, h, gh, sw) = (d.t, d.b, d.h, d.gh, d.store);
    let reset_after = a.reset_after;
    let (dpre, rest) = buf.split_at_mut(t_n * b_n * gh);
    let aux = &mut rest[..t_n * b_n * h];
    // wh^T [3H, H]: rows 0..2H multiply [dr, dz], rows 2H..3H the n part.
    let wh_rz_t = StepWeight::transposed_columns(ex.isa, a.wh, gh, h, 0, 2 * h);
    let wh_n_t = StepWeight::transposed_columns(ex.isa, a.wh, gh, h, 2 * h, h);
    let ranges = batch::ranges(b_n, t_n * b_n * h * gh, ex.threads);
    let gemm_threads = if ranges.len() == 1 { ex.threads } else { 1 };
    let parts: Vec<_> = batch::split_steps(dpre, t_n, b_n, gh, &ranges)
        .into_iter()
        .zip(batch::split_steps(aux, t_n, b_n, h, &ranges))
        .zip(batch::split_steps(a.dh0, 1, b_n, h, &ranges))
        .collect();
    let (h0, hs, gates, dhs, dh_t, lengths) = (a.h0, a.hs, a.gates, a.dhs, a.dh_t, a.lengths);
    let (wh_rz_t, wh_n_t) = (&wh_rz_t, &wh_n_t);
    batch::run(&ranges, parts, |(lo, hi), ((mut dpre, mut aux), mut dh0)| {
        let (rows, lengths) = (hi - lo, lengths.map(|l| &l[lo..hi]));
        let mut dh = incoming_grad(dh_t, lo * h..hi * h);
        let mut dh_prev = vec![F::ZERO; rows * h];
        let mut drh = vec![F::ZERO; if reset_after { 0 } else { rows * h }];
        for t in (0..t_n).rev() {
            let hp = if t == 0 { &h0[lo * h..hi * h] } else { step_rows(hs, t - 1, b_n, lo, hi, h) };
            let store = step_rows(gates, t, b_n, lo, hi, sw);
            let (dpre_t, aux_t) = (&mut dpre[t][..], &mut aux[t][..]);
            let dhs = dhs.map(|v| step_rows(v, t, b_n, lo, hi, h));
            let (dpre, aux, dhp) = (&mut *dpre_t, &mut *aux_t, &mut dh_prev);
            let step = BackwardStep { reset_after, h, t, lengths, store, hp, dh: &dh, dhs, dpre, aux, dh_prev: dhp };
            run_rows(ex.isa, step);
            if reset_after {
                // dh_{t-1} += d(h·wh_n)·wh_n^T
                step_mm(gemm_threads, rows, aux_t, h, wh_n_t, F::ONE, &mut dh_prev, h);
            } else {
                // d(r*h) = dn_pre·wh_n^T, then dr and the r-path of dh_{t-1}.
                step_mm(gemm_threads, rows, tail(dpre_t, 2 * h), gh, wh_n_t, F::ZERO, &mut drh, h);
                let pass = ResetGrad { h, t, lengths, store, hp, drh: &drh, dpre: dpre_t, dh_prev: &mut dh_prev };
                run_rows(ex.isa, pass);
            }
            // dh_{t-1} += [dr, dz]·[wh_r, wh_z]^T
            step_mm(gemm_threads, rows, dpre_t, gh, wh_rz_t, F::ONE, &mut dh_prev, h);
            std::mem::swap(&mut dh, &mut dh_prev);
        }
        dh0[0].copy_from_slice(&dh);
    });
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
