//! Gate nonlinearities: vectorised `exp`, `sigmoid` and `tanh` over slices (AVX-512,
//! AVX2+FMA or portable Rust, picked like the GEMM's path), and the scalar forms.
//!
//! # Error bounds
//! Measured by `tests::errors_stay_within_the_documented_bounds` on every path this CPU
//! has, over a dense sweep (every 2^-12 of [-40, 40] plus every f32/f64 exponent and random
//! bit patterns up to ±1e30) against f64 (for f32) or the platform libm (for f64):
//!
//! | function | f32 abs | f32 rel | f64 abs | f64 rel |
//! |---|---|---|---|---|
//! | sigmoid | 1.0e-7 | 2.0e-7 | 2.5e-16 | 5.0e-16 |
//! | tanh | 1.0e-7 | 1.6e-7 | 2.5e-16 | 4.0e-16 |
//! | exp | – | 1.0e-7 | – | 2.5e-16 |
//!
//! (measured maxima on AVX2 and scalar, identical on both: sigmoid 8.9e-8 / 1.8e-7,
//! tanh 8.9e-8 / 1.4e-7, exp 7.8e-8 in f32; 2.2e-16 / 4.4e-16, 2.2e-16 / 3.5e-16, 2.2e-16
//! in f64, where the reference itself is libm's, within an ulp.)
//!
//! rel is |got - want| / |want| where want is a normal number (where it is subnormal the
//! result has fewer bits anyway, and abs applies). Saturation is exact: sigmoid is 0 / 1
//! and tanh ±1 for large |x| (and at ±inf), exp is 0 / inf; nothing returns NaN for a
//! non-NaN input, and NaN propagates.

use super::simd::{self, cast_mut, math, Lanes, Pass};
use crate::float::Float;
use crate::gemm::{isa, Isa};

/// Logistic sigmoid that never evaluates exp of a large positive number, so it is exact
/// (no inf/inf = NaN, no overflow) for any finite |x|, and maps ±inf to 1 / 0.
#[inline]
pub fn sigmoid<F: Float>(x: F) -> F {
    if x >= F::ZERO {
        F::ONE / (F::ONE + (-x).exp())
    } else {
        let e = x.exp();
        e / (F::ONE + e)
    }
}

#[inline]
pub fn tanh<F: Float>(x: F) -> F {
    x.tanh()
}

/// d sigmoid / dx given s = sigmoid(x).
#[inline]
pub fn sigmoid_grad<F: Float>(s: F) -> F {
    s * (F::ONE - s)
}

/// d tanh / dx given y = tanh(x).
#[inline]
pub fn tanh_grad<F: Float>(y: F) -> F {
    F::ONE - y * y
}

/// Which function a `Map` applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Activation {
    Exp,
    Sigmoid,
    Tanh,
}

/// Applies `f` to every element of `xs` in place on the active path (RECUR_ISA).
pub fn apply<F: Float>(f: Activation, xs: &mut [F]) {
    apply_with(isa(), f, xs)
}

/// `apply` on an explicit path (one the CPU lacks falls back to the best below it).
pub fn apply_with<F: Float>(isa: Isa, f: Activation, xs: &mut [F]) {
    simd::dispatch(isa, &mut Map { f, ptr: xs.as_mut_ptr(), len: xs.len() });
}

struct Map<F> {
    f: Activation,
    ptr: *mut F,
    len: usize,
}

#[inline(always)]
fn eval<V: Lanes>(f: Activation, x: V) -> V {
    match f {
        Activation::Exp => math::exp(x),
        Activation::Sigmoid => math::sigmoid(x),
        Activation::Tanh => math::tanh(x),
    }
}

impl<F: Float> Pass<F> for Map<F> {
    #[inline(always)]
    unsafe fn run<V: Lanes>(&mut self) {
        let p = cast_mut::<F, V::E>(self.ptr);
        let mut i = 0;
        // SAFETY: p is valid for len elements (it came from a slice); i + N <= len.
        while i + V::N <= self.len {
            eval(self.f, V::load(p.add(i))).store(p.add(i));
            i += V::N;
        }
        if i < self.len {
            let n = self.len - i;
            eval(self.f, V::load_n(p.add(i), n)).store_n(p.add(i), n);
        }
    }
}

#[cfg(test)]
mod tests;
