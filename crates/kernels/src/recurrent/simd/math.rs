//! exp, sigmoid and tanh on `Lanes`: range reduction + polynomial, no table, no branch. The
//! measured error bounds are documented (and asserted) in `recurrent::activations`.

// The published constants are kept digit for digit.
#![allow(clippy::excessive_precision)]

use super::Lanes;
use crate::recurrent::args::{GateActivation, HiddenActivation};

/// ln 2 split so that n·LN2_HI is exact for the |n| reached here: x - n·ln2 loses nothing.
const LN2_HI_F32: f64 = 0.693359375;
const LN2_LO_F32: f64 = -2.12194440e-4;
const LN2_HI_F64: f64 = 6.93147180369123816490e-01;
const LN2_LO_F64: f64 = 1.90821492927058770002e-10;

/// e^x. f32: x is clamped to [-104, 89] (below, e^x rounds to 0; above, it overflows to
/// inf anyway), f64 likewise to [-746, 710]. NaN stays NaN.
#[inline(always)]
pub(crate) fn exp<V: Lanes>(x: V) -> V {
    let (lo, hi) = if V::F64 { (-746.0, 710.0) } else { (-104.0, 89.0) };
    let x = x.clamp(V::splat(lo), V::splat(hi));
    // x = n·ln2 + r, |r| <= ln2/2, e^x = 2^n·e^r.
    let n = x.mul(V::splat(core::f64::consts::LOG2_E)).round();
    let p = if V::F64 {
        let r = n.mul_add(V::splat(-LN2_HI_F64), x);
        let r = n.mul_add(V::splat(-LN2_LO_F64), r);
        exp_reduced_f64(r)
    } else {
        let r = n.mul_add(V::splat(-LN2_HI_F32), x);
        let r = n.mul_add(V::splat(-LN2_LO_F32), r);
        exp_reduced_f32(r)
    };
    p.scale_pow2(n)
}

/// e^r on |r| <= ln2/2 in f32: the Cephes expf minimax polynomial.
#[inline(always)]
fn exp_reduced_f32<V: Lanes>(r: V) -> V {
    let mut p = V::splat(1.9875691500e-4);
    p = p.mul_add(r, V::splat(1.3981999507e-3));
    p = p.mul_add(r, V::splat(8.3334519073e-3));
    p = p.mul_add(r, V::splat(4.1665795894e-2));
    p = p.mul_add(r, V::splat(1.6666665459e-1));
    p = p.mul_add(r, V::splat(5.0000001201e-1));
    // 1 + r + r²·p
    p.mul(r.mul(r)).add(r).add(V::splat(1.0))
}

/// e^r on |r| <= ln2/2 in f64: Taylor to degree 13 (truncation < 4e-18 relative), Horner.
#[inline(always)]
fn exp_reduced_f64<V: Lanes>(r: V) -> V {
    // 1/k! for k = 13 down to 2.
    const INV_FACT: [f64; 12] = [
        1.0 / 6227020800.0,
        1.0 / 479001600.0,
        1.0 / 39916800.0,
        1.0 / 3628800.0,
        1.0 / 362880.0,
        1.0 / 40320.0,
        1.0 / 5040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
    ];
    let mut p = V::splat(INV_FACT[0]);
    for &c in &INV_FACT[1..] {
        p = p.mul_add(r, V::splat(c));
    }
    // 1 + r + r²·p
    p.mul(r.mul(r)).add(r).add(V::splat(1.0))
}

/// 1 / (1 + e^-x), evaluated as e/(1+e) with e = e^-|x| <= 1 for x < 0, so e never
/// overflows: exactly 0 and 1 in the limits, never NaN for a non-NaN x.
#[inline(always)]
pub(crate) fn sigmoid<V: Lanes>(x: V) -> V {
    let zero = V::splat(0.0);
    let e = exp(zero.sub(x.abs()));
    let r = V::splat(1.0).div(V::splat(1.0).add(e));
    V::select_lt(x, zero, e.mul(r), r)
}

/// tanh: an odd polynomial (f32: Cephes tanhf) or rational function (f64: Cephes tanh)
/// for |x| < 0.625, else (1 - e)/(1 + e) with e = e^-2|x| (no cancellation there: the
/// result is above 0.55), with x's sign. Exactly ±1 once e is below half an ulp of 1.
#[inline(always)]
pub(crate) fn tanh<V: Lanes>(x: V) -> V {
    let one = V::splat(1.0);
    let a = x.abs();
    let e = exp(V::splat(-2.0).mul(a));
    let large = one.sub(e).div(one.add(e)).copysign(x);
    let z = x.mul(x);
    let small = if V::F64 {
        let mut p = V::splat(-9.64399179425052238628e-1);
        p = p.mul_add(z, V::splat(-9.92877231001918586564e1));
        p = p.mul_add(z, V::splat(-1.61468768441708447952e3));
        let mut q = z.add(V::splat(1.12811678491632931402e2));
        q = q.mul_add(z, V::splat(2.23548839060100448583e3));
        q = q.mul_add(z, V::splat(4.84406305325125486048e3));
        x.mul(z).mul(p.div(q)).add(x)
    } else {
        let mut p = V::splat(-5.70498872745e-3);
        p = p.mul_add(z, V::splat(2.06390887954e-2));
        p = p.mul_add(z, V::splat(-5.37397155531e-2));
        p = p.mul_add(z, V::splat(1.33314422036e-1));
        p = p.mul_add(z, V::splat(-3.33332819422e-1));
        p.mul(z).mul_add(x, x)
    };
    V::select_lt(a, V::splat(0.625), small, large)
}

/// d sigmoid / dx from s = sigmoid(x).
#[inline(always)]
pub(crate) fn sigmoid_grad<V: Lanes>(s: V) -> V {
    s.mul(V::splat(1.0).sub(s))
}

/// d tanh / dx from y = tanh(x).
#[inline(always)]
pub(crate) fn tanh_grad<V: Lanes>(y: V) -> V {
    V::splat(1.0).sub(y.mul(y))
}

/// The gate nonlinearity `act` (sigmoid, or the hard sigmoid clamp(0.2·x + 0.5, 0, 1)).
#[inline(always)]
pub(crate) fn gate<V: Lanes>(act: GateActivation, x: V) -> V {
    match act {
        GateActivation::Sigmoid => sigmoid(x),
        GateActivation::HardSigmoid => {
            x.mul_add(V::splat(0.2), V::splat(0.5)).clamp(V::splat(0.0), V::splat(1.0))
        }
    }
}

/// d gate / dx from s = gate(x): s(1-s), or 0.2 inside the hard sigmoid's ramp and 0 on
/// its flat parts (where s is exactly 0 or 1).
#[inline(always)]
pub(crate) fn gate_grad<V: Lanes>(act: GateActivation, s: V) -> V {
    match act {
        GateActivation::Sigmoid => sigmoid_grad(s),
        GateActivation::HardSigmoid => {
            let (zero, one) = (V::splat(0.0), V::splat(1.0));
            V::select_lt(zero, s, V::select_lt(s, one, V::splat(0.2), zero), zero)
        }
    }
}

/// The simple RNN's hidden nonlinearity `act` (tanh, or relu = max(0, x), NaN kept).
#[inline(always)]
pub(crate) fn hidden<V: Lanes>(act: HiddenActivation, x: V) -> V {
    match act {
        HiddenActivation::Tanh => tanh(x),
        HiddenActivation::Relu => x.clamp(V::splat(0.0), V::splat(f64::INFINITY)),
    }
}

/// d hidden / dx from y = hidden(x): 1 - y², or 1 where y > 0 and 0 elsewhere.
#[inline(always)]
pub(crate) fn hidden_grad<V: Lanes>(act: HiddenActivation, y: V) -> V {
    match act {
        HiddenActivation::Tanh => tanh_grad(y),
        HiddenActivation::Relu => V::select_lt(V::splat(0.0), y, V::splat(1.0), V::splat(0.0)),
    }
}
