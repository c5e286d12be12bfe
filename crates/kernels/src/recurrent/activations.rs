//! Gate nonlinearities and their derivatives expressed through the activated value.

use crate::float::Float;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_finite_and_symmetric_for_large_inputs() {
        for &x in &[0.0f64, 1e-8, 0.5, 3.0, 40.0, 700.0, 800.0, 1e300] {
            let (p, n) = (sigmoid(x), sigmoid(-x));
            assert!(p.is_finite() && n.is_finite(), "x = {x}");
            assert!((p + n - 1.0).abs() < 1e-15, "x = {x}: {p} + {n}");
        }
        assert_eq!(sigmoid(f32::INFINITY), 1.0);
        assert_eq!(sigmoid(f32::NEG_INFINITY), 0.0);
        assert_eq!(sigmoid(-100.0f32), (-100.0f32).exp() / (1.0 + (-100.0f32).exp()));
        assert!((sigmoid(0.3f64) - 1.0 / (1.0 + (-0.3f64).exp())).abs() < 1e-16);
    }

    #[test]
    fn tanh_saturates_without_nan() {
        assert_eq!(tanh(1e4f32), 1.0);
        assert_eq!(tanh(-1e4f64), -1.0);
        assert_eq!(tanh_grad(tanh(1e4f64)), 0.0);
    }
}
