//! One lane of plain Rust: the portable path (RECUR_ISA=scalar, non-x86 CPUs), running the
//! same polynomials as the SIMD paths.

use super::Lanes;
use crate::float::Float;

#[derive(Clone, Copy)]
pub(crate) struct Scalar<F>(pub F);

/// 2^k as an f64, for |k| <= 1022.
fn pow2(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

impl<F: Float> Lanes for Scalar<F> {
    type E = F;
    const N: usize = 1;
    const F64: bool = core::mem::size_of::<F>() == 8;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        Scalar(F::from_f64(v))
    }
    #[inline(always)]
    unsafe fn load(p: *const F) -> Self {
        Scalar(*p)
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut F) {
        *p = self.0
    }
    #[inline(always)]
    unsafe fn load_n(p: *const F, n: usize) -> Self {
        if n == 0 {
            Scalar(F::ZERO)
        } else {
            Scalar(*p)
        }
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut F, n: usize) {
        if n != 0 {
            *p = self.0
        }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Scalar(self.0 + o.0)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Scalar(self.0 - o.0)
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Scalar(self.0 * o.0)
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        Scalar(self.0 / o.0)
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        // Not fused: a fused multiply-add is a slow library call without hardware FMA.
        Scalar(self.0 * b.0 + c.0)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        Scalar(if self.0 < F::ZERO { -self.0 } else { self.0 })
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        Scalar(if self.0 < lo.0 {
            lo.0
        } else if self.0 > hi.0 {
            hi.0
        } else {
            self.0
        })
    }
    #[inline(always)]
    fn round(self) -> Self {
        // Adding 1.5·2^(mantissa bits) rounds to an integer in the current (nearest-even)
        // mode; exact for |x| < 2^22.
        let magic = F::from_f64(if Self::F64 { 6755399441055744.0 } else { 12582912.0 });
        Scalar((self.0 + magic) - magic)
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        // Two factors, each a normal number, so only the final product rounds.
        let n = n.0.to_f64();
        if n.is_nan() {
            return Scalar(F::from_f64(f64::NAN));
        }
        let k = n as i64;
        let k1 = k >> 1;
        Scalar(self.0 * F::from_f64(pow2(k1)) * F::from_f64(pow2(k - k1)))
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        if a.0 < b.0 {
            t
        } else {
            f
        }
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        let mag = self.abs().0;
        Scalar(if sign.0.to_f64().is_sign_negative() { -mag } else { mag })
    }
}
