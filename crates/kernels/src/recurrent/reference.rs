//! The test oracle: one step at a time, one example at a time, plain loops, no GEMM, no
//! shared buffers. Written straight from the formulas in types.ts, independently of the
//! fast cells (it uses the textbook sigmoid and accumulates weight gradients step by step).

// Index loops on purpose: they read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::args::{CellKind, GateActivation, HiddenActivation, RecurrentBackward, RecurrentForward};
use crate::float::Float;

/// The nonlinearities of the cell: (gate activation, hidden activation of the rnn).
type Acts = (GateActivation, HiddenActivation);

fn sig<F: Float>(act: GateActivation, x: F) -> F {
    match act {
        GateActivation::Sigmoid => F::ONE / (F::ONE + (-x).exp()),
        GateActivation::HardSigmoid => {
            let y = F::from_f64(0.2) * x + F::from_f64(0.5);
            if y < F::ZERO {
                F::ZERO
            } else if y > F::ONE {
                F::ONE
            } else {
                y
            }
        }
    }
}

/// d sig / dx from its value s.
fn sig_d<F: Float>(act: GateActivation, s: F) -> F {
    match act {
        GateActivation::Sigmoid => s * (F::ONE - s),
        GateActivation::HardSigmoid if s > F::ZERO && s < F::ONE => F::from_f64(0.2),
        GateActivation::HardSigmoid => F::ZERO,
    }
}

fn hid<F: Float>(act: HiddenActivation, x: F) -> F {
    match act {
        HiddenActivation::Tanh => x.tanh(),
        HiddenActivation::Relu if x > F::ZERO => x,
        HiddenActivation::Relu => F::ZERO,
    }
}

/// d hid / dx from its value y.
fn hid_d<F: Float>(act: HiddenActivation, y: F) -> F {
    match act {
        HiddenActivation::Tanh => F::ONE - y * y,
        HiddenActivation::Relu if y > F::ZERO => F::ONE,
        HiddenActivation::Relu => F::ZERO,
    }
}

fn is_active(lengths: Option<&[i32]>, t: usize, b: usize) -> bool {
    match lengths {
        Some(l) => (t as i64) < l[b] as i64,
        None => true,
    }
}

/// v·w for a row vector v (len rows) and w [rows, cols], plus an optional bias.
fn vec_mat<F: Float>(v: &[F], w: &[F], cols: usize, bias: Option<&[F]>) -> Vec<F> {
    let mut out: Vec<F> = match bias {
        Some(b) => b.to_vec(),
        None => vec![F::ZERO; cols],
    };
    for (i, &vi) in v.iter().enumerate() {
        for k in 0..cols {
            out[k] += vi * w[i * cols + k];
        }
    }
    out
}

/// Everything one active step of one example computes, kept for the backward pass.
struct StepCache<F> {
    /// Activated gates in store order (r, z, n, hrn for the GRU; i, f, g, o for the LSTM).
    store: Vec<F>,
    h: Vec<F>,
    c: Vec<F>,
}

#[allow(clippy::too_many_arguments)]
fn step<F: Float>(
    (ga, ha): Acts,
    cell: CellKind,
    reset_after: bool,
    hsz: usize,
    x: &[F],
    hp: &[F],
    cp: &[F],
    wx: &[F],
    wh: &[F],
    bx: &[F],
    bh: Option<&[F]>,
) -> StepCache<F> {
    let gh = cell.gate_count() * hsz;
    let xw = vec_mat(x, wx, gh, Some(bx));
    let hw = vec_mat(hp, wh, gh, bh);
    let zero_bh = vec![F::ZERO; gh];
    let bhv = bh.unwrap_or(&zero_bh);
    let mut h = vec![F::ZERO; hsz];
    let mut c = vec![F::ZERO; hsz];
    let mut store = vec![F::ZERO; cell.gate_store_width(hsz)];
    match cell {
        CellKind::Rnn => {
            for j in 0..hsz {
                h[j] = hid(ha, xw[j] + hw[j]);
            }
        }
        CellKind::Lstm => {
            for j in 0..hsz {
                let i = sig(ga, xw[j] + hw[j]);
                let f = sig(ga, xw[hsz + j] + hw[hsz + j]);
                let g = (xw[2 * hsz + j] + hw[2 * hsz + j]).tanh();
                let o = sig(ga, xw[3 * hsz + j] + hw[3 * hsz + j]);
                c[j] = f * cp[j] + i * g;
                h[j] = o * c[j].tanh();
                store[j] = i;
                store[hsz + j] = f;
                store[2 * hsz + j] = g;
                store[3 * hsz + j] = o;
            }
        }
        CellKind::Gru => {
            let r: Vec<F> = (0..hsz).map(|j| sig(ga, xw[j] + hw[j])).collect();
            let z: Vec<F> = (0..hsz).map(|j| sig(ga, xw[hsz + j] + hw[hsz + j])).collect();
            let rh: Vec<F> = (0..hsz).map(|i| r[i] * hp[i]).collect();
            for j in 0..hsz {
                let n_col = 2 * hsz + j;
                let n_pre = if reset_after {
                    xw[n_col] + r[j] * hw[n_col]
                } else {
                    let mut s = xw[n_col] + bhv[n_col];
                    for i in 0..hsz {
                        s += rh[i] * wh[i * gh + n_col];
                    }
                    s
                };
                let n = n_pre.tanh();
                h[j] = z[j] * hp[j] + (F::ONE - z[j]) * n;
                store[j] = r[j];
                store[hsz + j] = z[j];
                store[2 * hsz + j] = n;
                // h·wh_n, plus bh_n only when it sits inside r*(...).
                store[3 * hsz + j] = if reset_after { hw[n_col] } else { hw[n_col] - bhv[n_col] };
            }
        }
    }
    StepCache { store, h, c }
}

pub fn forward<F: Float>(a: RecurrentForward<'_, F>) {
    let (tn, bn, xn, hn) = (a.t, a.b, a.x_dim, a.h);
    let sw = a.cell.gate_store_width(hn);
    let zeros = vec![F::ZERO; bn * hn];
    let c0 = a.c0.unwrap_or(&zeros);
    let mut cs = a.cs;
    for t in 0..tn {
        for b in 0..bn {
            let hp: Vec<F> = if t == 0 {
                a.h0[b * hn..(b + 1) * hn].to_vec()
            } else {
                a.hs[((t - 1) * bn + b) * hn..][..hn].to_vec()
            };
            let cp: Vec<F> = match &cs {
                Some(cs) if t > 0 => cs[((t - 1) * bn + b) * hn..][..hn].to_vec(),
                _ => c0[b * hn..(b + 1) * hn].to_vec(),
            };
            let out = ((t * bn + b) * hn, (t * bn + b) * sw);
            if is_active(a.lengths, t, b) {
                let x = &a.x[(t * bn + b) * xn..][..xn];
                let s = step((a.recurrent_activation, a.activation), a.cell, a.reset_after, hn, x, &hp, &cp, a.wx, a.wh, a.bx, a.bh);
                a.hs[out.0..out.0 + hn].copy_from_slice(&s.h);
                a.gates[out.1..out.1 + sw].copy_from_slice(&s.store);
                if let Some(cs) = cs.as_deref_mut() {
                    cs[out.0..out.0 + hn].copy_from_slice(&s.c);
                }
            } else {
                a.hs[out.0..out.0 + hn].copy_from_slice(&hp);
                a.gates[out.1..out.1 + sw].fill(F::ZERO);
                if let Some(cs) = cs.as_deref_mut() {
                    cs[out.0..out.0 + hn].copy_from_slice(&cp);
                }
            }
        }
    }
}

/// BPTT one example and one step at a time, reading the activated gates from `gates` (bx is
/// not an argument of backward) but recomputing the GRU's h·wh_n + bh_n from the weights.
pub fn backward<F: Float>(a: RecurrentBackward<'_, F>) {
    let (tn, bn, xn, hn) = (a.t, a.b, a.x_dim, a.h);
    let gh = a.cell.gate_count() * hn;
    let zeros = vec![F::ZERO; bn * hn];
    let c0 = a.c0.unwrap_or(&zeros);
    let zero_bh = vec![F::ZERO; gh];
    let bhv = a.bh.unwrap_or(&zero_bh);
    a.dx.fill(F::ZERO);
    a.dwx.fill(F::ZERO);
    a.dwh.fill(F::ZERO);
    a.dbx.fill(F::ZERO);
    let mut dbh = vec![F::ZERO; gh];
    let mut dh: Vec<F> = a.dh_t.map_or(vec![F::ZERO; bn * hn], <[F]>::to_vec);
    let mut dc: Vec<F> = a.dc_t.map_or(vec![F::ZERO; bn * hn], <[F]>::to_vec);
    let sw = a.cell.gate_store_width(hn);
    let ga = a.recurrent_activation;
    for t in (0..tn).rev() {
        for b in 0..bn {
            let at = (t * bn + b) * hn;
            let dhb: Vec<F> = (0..hn).map(|j| dh[b * hn + j] + a.dhs.map_or(F::ZERO, |d| d[at + j])).collect();
            if !is_active(a.lengths, t, b) {
                dh[b * hn..(b + 1) * hn].copy_from_slice(&dhb);
                continue;
            }
            let hp: Vec<F> =
                if t == 0 { a.h0[b * hn..(b + 1) * hn].to_vec() } else { a.hs[at - bn * hn..][..hn].to_vec() };
            let cp: Vec<F> = match a.cs {
                Some(cs) if t > 0 => cs[at - bn * hn..][..hn].to_vec(),
                _ => c0[b * hn..(b + 1) * hn].to_vec(),
            };
            let s = &a.gates[(t * bn + b) * sw..][..sw];
            // dxw: gradient of x·wx + bx; dhw: gradient of h·wh + bh; dhp: direct terms.
            let mut dxw = vec![F::ZERO; gh];
            let mut dhw = vec![F::ZERO; gh];
            let mut dhp = vec![F::ZERO; hn];
            match a.cell {
                CellKind::Rnn => {
                    for j in 0..hn {
                        let y = a.hs[at + j];
                        dxw[j] = dhb[j] * hid_d(a.activation, y);
                    }
                    dhw.copy_from_slice(&dxw);
                }
                CellKind::Lstm => {
                    let cs = a.cs.expect("lstm needs cs");
                    for j in 0..hn {
                        let (i, f, g, o) = (s[j], s[hn + j], s[2 * hn + j], s[3 * hn + j]);
                        let tc = cs[at + j].tanh();
                        let dct = dc[b * hn + j] + dhb[j] * o * (F::ONE - tc * tc);
                        dxw[j] = dct * g * sig_d(ga, i);
                        dxw[hn + j] = dct * cp[j] * sig_d(ga, f);
                        dxw[2 * hn + j] = dct * i * (F::ONE - g * g);
                        dxw[3 * hn + j] = dhb[j] * tc * sig_d(ga, o);
                        dc[b * hn + j] = dct * f;
                    }
                    dhw.copy_from_slice(&dxw);
                }
                CellKind::Gru => {
                    let mut dn_pre = vec![F::ZERO; hn];
                    for j in 0..hn {
                        let (z, n) = (s[hn + j], s[2 * hn + j]);
                        dn_pre[j] = dhb[j] * (F::ONE - z) * (F::ONE - n * n);
                        dxw[hn + j] = dhb[j] * (hp[j] - n) * sig_d(ga, z);
                        dxw[2 * hn + j] = dn_pre[j];
                        dhp[j] = dhb[j] * z;
                    }
                    if a.reset_after {
                        for j in 0..hn {
                            let r = s[j];
                            // hrn = h·wh_n + bh_n, recomputed from the weights.
                            let mut hrn = bhv[2 * hn + j];
                            for i in 0..hn {
                                hrn += hp[i] * a.wh[i * gh + 2 * hn + j];
                            }
                            dxw[j] = dn_pre[j] * hrn * sig_d(ga, r);
                            dhw[2 * hn + j] = dn_pre[j] * r;
                        }
                    } else {
                        // n_pre = ... + (r*h)·wh_n: d(r*h)_i = sum_j dn_pre_j wh[i, n_j].
                        for i in 0..hn {
                            let r = s[i];
                            let mut drh = F::ZERO;
                            for j in 0..hn {
                                drh += dn_pre[j] * a.wh[i * gh + 2 * hn + j];
                                // dwh_n gets the (r*h) operand directly.
                                a.dwh[i * gh + 2 * hn + j] += r * hp[i] * dn_pre[j];
                            }
                            dxw[i] = drh * hp[i] * sig_d(ga, r);
                            dhp[i] += drh * r;
                        }
                        for j in 0..hn {
                            dbh[2 * hn + j] += dn_pre[j];
                        }
                    }
                    dhw[..2 * hn].copy_from_slice(&dxw[..2 * hn]);
                }
            }
            let xrow = &a.x[(t * bn + b) * xn..][..xn];
            for k in 0..gh {
                a.dbx[k] += dxw[k];
                dbh[k] += dhw[k];
                for i in 0..xn {
                    a.dwx[i * gh + k] += xrow[i] * dxw[k];
                    a.dx[(t * bn + b) * xn + i] += a.wx[i * gh + k] * dxw[k];
                }
                for i in 0..hn {
                    a.dwh[i * gh + k] += hp[i] * dhw[k];
                    dhp[i] += a.wh[i * gh + k] * dhw[k];
                }
            }
            dh[b * hn..(b + 1) * hn].copy_from_slice(&dhp);
        }
    }
    a.dh0.copy_from_slice(&dh);
    if let Some(dc0) = a.dc0 {
        dc0.copy_from_slice(&dc);
    }
    if let Some(out) = a.dbh {
        out.copy_from_slice(&dbh);
    }
}
