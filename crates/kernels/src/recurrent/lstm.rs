//! LSTM, gates i, f, g, o stacked in that order:
//!   c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t),
//! with i, f, o = sigmoid and g = tanh of the pre-activations x_t·wx + bx + h_{t-1}·wh + bh.
//! `gates` stores the activated i, f, g, o per (t, b).

use super::activations::{sigmoid, sigmoid_grad, tanh, tanh_grad};
use super::args::{RecurrentBackward, RecurrentForward};
use super::common::{
    active, add_output_grad, combined_bias, initial_grad, input_projection, input_side_grads, mm, prev_state,
    recurrent_weight_grad, step_views,
};
use super::validate::Dims;
use crate::float::Float;

fn missing(arg: &str) -> String {
    format!("{arg} is required for the lstm cell")
}

pub fn forward<F: Float>(d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (b_n, h, gh) = (d.b, d.h, d.gh);
    let bh = b_n * h;
    let cs = a.cs.ok_or_else(|| missing("cs"))?;
    let zeros;
    let c0 = match a.c0 {
        Some(c0) => c0,
        None => {
            zeros = vec![F::ZERO; bh];
            &zeros
        }
    };
    let bias = combined_bias(a.bx, a.bh, |_| true);
    let mut pre = input_projection(d, a.x, a.wx, &bias);
    for t in 0..d.t {
        let (hp, ht) = step_views(a.hs, a.h0, t, bh);
        let (cp, ct) = step_views(cs, c0, t, bh);
        let pre_t = &mut pre[t * b_n * gh..(t + 1) * b_n * gh];
        mm(false, false, b_n, gh, h, hp, h, a.wh, gh, F::ONE, pre_t, gh);
        let store_t = &mut a.gates[t * b_n * gh..(t + 1) * b_n * gh];
        for b in 0..b_n {
            let (p, s) = (&pre_t[b * gh..(b + 1) * gh], &mut store_t[b * gh..(b + 1) * gh]);
            let row = b * h;
            if !active(a.lengths, t, b) {
                ht[row..row + h].copy_from_slice(&hp[row..row + h]);
                ct[row..row + h].copy_from_slice(&cp[row..row + h]);
                s.fill(F::ZERO);
                continue;
            }
            for j in 0..h {
                let i = sigmoid(p[j]);
                let f = sigmoid(p[h + j]);
                let g = tanh(p[2 * h + j]);
                let o = sigmoid(p[3 * h + j]);
                let c = f * cp[row + j] + i * g;
                ct[row + j] = c;
                ht[row + j] = o * tanh(c);
                s[j] = i;
                s[h + j] = f;
                s[2 * h + j] = g;
                s[3 * h + j] = o;
            }
        }
    }
    Ok(())
}

pub fn backward<F: Float>(d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (b_n, h, gh) = (d.b, d.h, d.gh);
    let bh = b_n * h;
    let cs = a.cs.ok_or_else(|| missing("cs"))?;
    let zeros = vec![F::ZERO; bh];
    let c0 = a.c0.unwrap_or(&zeros);
    let mut dpre = vec![F::ZERO; d.t * b_n * gh];
    let mut dh = initial_grad(a.dh_t, bh);
    let mut dc = initial_grad(a.dc_t, bh);
    let mut dh_prev = vec![F::ZERO; bh];
    for t in (0..d.t).rev() {
        add_output_grad(&mut dh, a.dhs, t);
        let cp = prev_state(cs, c0, t, bh);
        let c_t = &cs[t * bh..(t + 1) * bh];
        let dpre_t = &mut dpre[t * b_n * gh..(t + 1) * b_n * gh];
        let store_t = &a.gates[t * b_n * gh..(t + 1) * b_n * gh];
        for b in 0..b_n {
            let row = b * h;
            if !active(a.lengths, t, b) {
                // Carried step: dh and dc pass straight through to step t-1.
                dh_prev[row..row + h].copy_from_slice(&dh[row..row + h]);
                continue;
            }
            let (s, g_out) = (&store_t[b * gh..(b + 1) * gh], &mut dpre_t[b * gh..(b + 1) * gh]);
            for j in 0..h {
                let (i, f, g, o) = (s[j], s[h + j], s[2 * h + j], s[3 * h + j]);
                let tc = tanh(c_t[row + j]);
                let dhj = dh[row + j];
                let dct = dc[row + j] + dhj * o * tanh_grad(tc);
                g_out[j] = dct * g * sigmoid_grad(i);
                g_out[h + j] = dct * cp[row + j] * sigmoid_grad(f);
                g_out[2 * h + j] = dct * i * tanh_grad(g);
                g_out[3 * h + j] = dhj * tc * sigmoid_grad(o);
                dc[row + j] = dct * f;
                dh_prev[row + j] = F::ZERO;
            }
        }
        mm(false, true, b_n, h, gh, dpre_t, gh, a.wh, gh, F::ONE, &mut dh_prev, h);
        std::mem::swap(&mut dh, &mut dh_prev);
    }
    a.dh0.copy_from_slice(&dh);
    if let Some(dc0) = a.dc0 {
        dc0.copy_from_slice(&dc);
    }
    input_side_grads(d, a.x, a.wx, &dpre, a.dx, a.dwx, a.dbx);
    recurrent_weight_grad(d, a.h0, a.hs, &dpre, gh, gh, a.dwh, gh);
    if let Some(dbh) = a.dbh {
        dbh.copy_from_slice(a.dbx);
    }
    Ok(())
}
