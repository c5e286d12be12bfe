//! Simple (Elman) RNN: h_t = tanh(x_t·wx + bx + h_{t-1}·wh + bh). Nothing is stored in
//! `gates`: tanh' is recovered from h_t itself.

use super::activations::{tanh, tanh_grad};
use super::args::{RecurrentBackward, RecurrentForward};
use super::common::{
    active, add_output_grad, combined_bias, initial_grad, input_projection, input_side_grads, mm,
    recurrent_weight_grad, step_views,
};
use super::validate::Dims;
use crate::float::Float;

pub fn forward<F: Float>(d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (b_n, h) = (d.b, d.h);
    let bias = combined_bias(a.bx, a.bh, |_| true);
    let mut pre = input_projection(d, a.x, a.wx, &bias);
    for t in 0..d.t {
        let (hp, ht) = step_views(a.hs, a.h0, t, b_n * h);
        let pre_t = &mut pre[t * b_n * h..(t + 1) * b_n * h];
        mm(false, false, b_n, h, h, hp, h, a.wh, h, F::ONE, pre_t, h);
        for b in 0..b_n {
            let row = b * h..(b + 1) * h;
            if active(a.lengths, t, b) {
                for (o, &p) in ht[row.clone()].iter_mut().zip(&pre_t[row]) {
                    *o = tanh(p);
                }
            } else {
                ht[row.clone()].copy_from_slice(&hp[row]);
            }
        }
    }
    Ok(())
}

pub fn backward<F: Float>(d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (b_n, h) = (d.b, d.h);
    let bh = b_n * h;
    let mut dpre = vec![F::ZERO; d.t * bh];
    let mut dh = initial_grad(a.dh_t, bh);
    let mut dh_prev = vec![F::ZERO; bh];
    for t in (0..d.t).rev() {
        add_output_grad(&mut dh, a.dhs, t);
        let dpre_t = &mut dpre[t * bh..(t + 1) * bh];
        let h_t = &a.hs[t * bh..(t + 1) * bh];
        for b in 0..b_n {
            let row = b * h..(b + 1) * h;
            if active(a.lengths, t, b) {
                for ((g, &y), &dy) in dpre_t[row.clone()].iter_mut().zip(&h_t[row.clone()]).zip(&dh[row.clone()]) {
                    *g = dy * tanh_grad(y);
                }
                dh_prev[row].fill(F::ZERO);
            } else {
                // Carried step: the gradient passes straight through to h_{t-1}.
                dh_prev[row.clone()].copy_from_slice(&dh[row]);
            }
        }
        mm(false, true, b_n, h, h, dpre_t, h, a.wh, h, F::ONE, &mut dh_prev, h);
        std::mem::swap(&mut dh, &mut dh_prev);
    }
    a.dh0.copy_from_slice(&dh);
    input_side_grads(d, a.x, a.wx, &dpre, a.dx, a.dwx, a.dbx);
    recurrent_weight_grad(d, a.h0, a.hs, &dpre, h, h, a.dwh, h);
    if let Some(dbh) = a.dbh {
        dbh.copy_from_slice(a.dbx);
    }
    Ok(())
}
