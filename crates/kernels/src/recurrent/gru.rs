//! GRU, gates r, z, n stacked in that order, h_t = z*h_{t-1} + (1-z)*n (PyTorch / Keras):
//!   r = sigmoid(x·wx_r + bx_r + h·wh_r + bh_r),  z likewise,
//!   resetAfter:  n = tanh(x·wx_n + bx_n + r*(h·wh_n + bh_n))
//!   otherwise:   n = tanh(x·wx_n + bx_n + bh_n + (r*h)·wh_n)
//! `gates` stores per (t, b): r, z, n and h_{t-1}·wh_n (+ bh_n when resetAfter).

use super::activations::{sigmoid, sigmoid_grad, tanh, tanh_grad};
use super::args::{RecurrentBackward, RecurrentForward};
use super::common::{
    active, add_output_grad, column_sums, combined_bias, initial_grad, input_projection, input_side_grads, mm,
    prev_state, recurrent_weight_grad, step_views, tail, tail_mut,
};
use super::validate::Dims;
use crate::float::Float;

pub fn forward<F: Float>(d: Dims, a: RecurrentForward<'_, F>) -> Result<(), String> {
    let (b_n, h, gh, sw) = (d.b, d.h, d.gh, d.store);
    let bh = b_n * h;
    // With resetAfter bh_n sits inside r*(...), so it is not part of the input-side bias.
    let bias = combined_bias(a.bx, a.bh, |j| !(a.reset_after && j >= 2 * h));
    let xp = input_projection(d, a.x, a.wx, &bias);
    let bh_n: Vec<F> = match a.bh {
        Some(v) if a.reset_after => v[2 * h..].to_vec(),
        _ => vec![F::ZERO; h],
    };
    let mut rec = vec![F::ZERO; b_n * gh];
    let mut rh = vec![F::ZERO; bh];
    for t in 0..d.t {
        let (hp, ht) = step_views(a.hs, a.h0, t, bh);
        let xp_t = &xp[t * b_n * gh..(t + 1) * b_n * gh];
        let store_t = &mut a.gates[t * b_n * sw..(t + 1) * b_n * sw];
        mm(false, false, b_n, gh, h, hp, h, a.wh, gh, F::ZERO, &mut rec, gh);
        // r, z, and the stored recurrent candidate projection.
        for b in 0..b_n {
            let (x, r_, s) = (&xp_t[b * gh..], &rec[b * gh..], &mut store_t[b * sw..(b + 1) * sw]);
            if !active(a.lengths, t, b) {
                s.fill(F::ZERO);
                rh[b * h..(b + 1) * h].fill(F::ZERO);
                continue;
            }
            for j in 0..h {
                let r = sigmoid(x[j] + r_[j]);
                s[j] = r;
                s[h + j] = sigmoid(x[h + j] + r_[h + j]);
                s[3 * h + j] = r_[2 * h + j] + bh_n[j];
                rh[b * h + j] = r * hp[b * h + j];
            }
        }
        if !a.reset_after {
            // The candidate's recurrent term is (r*h)·wh_n: a second, H-wide GEMM.
            mm(false, false, b_n, h, h, &rh, h, tail(a.wh, 2 * h), gh, F::ZERO, tail_mut(&mut rec, 2 * h), gh);
        }
        for b in 0..b_n {
            let row = b * h;
            if !active(a.lengths, t, b) {
                ht[row..row + h].copy_from_slice(&hp[row..row + h]);
                continue;
            }
            let (x, r_, s) = (&xp_t[b * gh..], &rec[b * gh..], &mut store_t[b * sw..(b + 1) * sw]);
            for j in 0..h {
                let (r, z) = (s[j], s[h + j]);
                let n_pre = if a.reset_after { x[2 * h + j] + r * s[3 * h + j] } else { x[2 * h + j] + r_[2 * h + j] };
                let n = tanh(n_pre);
                s[2 * h + j] = n;
                ht[row + j] = z * hp[row + j] + (F::ONE - z) * n;
            }
        }
    }
    Ok(())
}

pub fn backward<F: Float>(d: Dims, a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let (b_n, h, gh, sw) = (d.b, d.h, d.gh, d.store);
    let bh = b_n * h;
    // dpre: gradients of the input-side pre-activations [T*B, 3H] (r, z, n).
    // aux [T*B, H]: resetAfter: gradient of the recurrent n projection h·wh_n + bh_n (= dn·r);
    //               otherwise: r*h_{t-1}, the left operand of wh_n, for dwh_n.
    let mut dpre = vec![F::ZERO; d.t * b_n * gh];
    let mut aux = vec![F::ZERO; d.t * bh];
    let mut dh = initial_grad(a.dh_t, bh);
    let mut dh_prev = vec![F::ZERO; bh];
    let mut drh = vec![F::ZERO; bh];
    for t in (0..d.t).rev() {
        add_output_grad(&mut dh, a.dhs, t);
        let hp = prev_state(a.hs, a.h0, t, bh);
        let store_t = &a.gates[t * b_n * sw..(t + 1) * b_n * sw];
        let dpre_t = &mut dpre[t * b_n * gh..(t + 1) * b_n * gh];
        let aux_t = &mut aux[t * bh..(t + 1) * bh];
        for b in 0..b_n {
            let row = b * h;
            if !active(a.lengths, t, b) {
                // Carried step: the gradient passes straight through to h_{t-1}.
                dh_prev[row..row + h].copy_from_slice(&dh[row..row + h]);
                continue;
            }
            let (s, g) = (&store_t[b * sw..(b + 1) * sw], &mut dpre_t[b * gh..(b + 1) * gh]);
            for j in 0..h {
                let (r, z, n) = (s[j], s[h + j], s[2 * h + j]);
                let dhj = dh[row + j];
                let dn_pre = dhj * (F::ONE - z) * tanh_grad(n);
                g[h + j] = dhj * (hp[row + j] - n) * sigmoid_grad(z);
                g[2 * h + j] = dn_pre;
                dh_prev[row + j] = dhj * z;
                if a.reset_after {
                    g[j] = dn_pre * s[3 * h + j] * sigmoid_grad(r);
                    aux_t[row + j] = dn_pre * r;
                }
            }
        }
        if a.reset_after {
            // dh_{t-1} += d(h·wh_n)·wh_n^T
            mm(false, true, b_n, h, h, aux_t, h, tail(a.wh, 2 * h), gh, F::ONE, &mut dh_prev, h);
        } else {
            // d(r*h) = dn_pre·wh_n^T, then dr and the r-path of dh_{t-1}.
            mm(false, true, b_n, h, h, tail(dpre_t, 2 * h), gh, tail(a.wh, 2 * h), gh, F::ZERO, &mut drh, h);
            for b in 0..b_n {
                if !active(a.lengths, t, b) {
                    continue;
                }
                let row = b * h;
                let (s, g) = (&store_t[b * sw..(b + 1) * sw], &mut dpre_t[b * gh..(b + 1) * gh]);
                for j in 0..h {
                    let r = s[j];
                    g[j] = drh[row + j] * hp[row + j] * sigmoid_grad(r);
                    dh_prev[row + j] += drh[row + j] * r;
                    aux_t[row + j] = r * hp[row + j];
                }
            }
        }
        // dh_{t-1} += [dr, dz]·[wh_r, wh_z]^T
        mm(false, true, b_n, h, 2 * h, dpre_t, gh, a.wh, gh, F::ONE, &mut dh_prev, h);
        std::mem::swap(&mut dh, &mut dh_prev);
    }
    a.dh0.copy_from_slice(&dh);
    input_side_grads(d, a.x, a.wx, &dpre, a.dx, a.dwx, a.dbx);
    let rows = d.t * b_n;
    recurrent_weight_grad(d, a.h0, a.hs, &dpre, gh, 2 * h, a.dwh, gh);
    if a.reset_after {
        recurrent_weight_grad(d, a.h0, a.hs, &aux, h, h, tail_mut(a.dwh, 2 * h), gh);
    } else {
        mm(true, false, h, h, rows, &aux, h, tail(&dpre, 2 * h), gh, F::ZERO, tail_mut(a.dwh, 2 * h), gh);
    }
    if let Some(dbh) = a.dbh {
        if a.reset_after {
            dbh[..2 * h].copy_from_slice(&a.dbx[..2 * h]);
            column_sums(&mut dbh[2 * h..], &aux, rows, h);
        } else {
            dbh.copy_from_slice(a.dbx);
        }
    }
    Ok(())
}
