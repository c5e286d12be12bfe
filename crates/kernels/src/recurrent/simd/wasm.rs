//! `Lanes` on wasm32 with simd128 (4 f32 / 2 f64 per v128). Baseline simd128 has no fused
//! multiply-add, so `mul_add` is a multiply and an add (two roundings, as the scalar path);
//! the error bounds in `recurrent::activations` hold for both. The instruction set is chosen
//! when the module is built (`-C target-feature=+simd128`), so these are plain functions.

use super::{Lanes, Pass};
use crate::float::Float;
use core::arch::wasm32::*;

pub(super) unsafe fn run_simd128_f32<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Simd128F32>()
}

pub(super) unsafe fn run_simd128_f64<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Simd128F64>()
}

/// Reads n < N elements into a zeroed register.
#[inline(always)]
unsafe fn load_partial<T: Copy + Default, const N: usize>(p: *const T, n: usize) -> v128 {
    let mut buf = [T::default(); N];
    core::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), n);
    v128_load(buf.as_ptr() as *const v128)
}

/// Writes the first n < N elements of `v`.
#[inline(always)]
unsafe fn store_partial<T: Copy + Default, const N: usize>(v: v128, p: *mut T, n: usize) {
    let mut buf = [T::default(); N];
    v128_store(buf.as_mut_ptr() as *mut v128, v);
    core::ptr::copy_nonoverlapping(buf.as_ptr(), p, n);
}

#[derive(Clone, Copy)]
pub(super) struct Simd128F32(v128);

/// 2^k for integer-valued k in the normal exponent range of f32.
#[inline(always)]
fn pow2_f32(k: v128) -> v128 {
    i32x4_shl(i32x4_add(i32x4_trunc_sat_f32x4(k), i32x4_splat(127)), 23)
}

impl Lanes for Simd128F32 {
    type E = f32;
    const N: usize = 4;
    const F64: bool = false;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        Simd128F32(f32x4_splat(v as f32))
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        Simd128F32(v128_load(p as *const v128))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        v128_store(p as *mut v128, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f32, n: usize) -> Self {
        Simd128F32(load_partial::<f32, 4>(p, n))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f32, n: usize) {
        store_partial::<f32, 4>(self.0, p, n)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Simd128F32(f32x4_add(self.0, o.0))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Simd128F32(f32x4_sub(self.0, o.0))
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Simd128F32(f32x4_mul(self.0, o.0))
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        Simd128F32(f32x4_div(self.0, o.0))
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        Simd128F32(f32x4_add(f32x4_mul(self.0, b.0), c.0))
    }
    #[inline(always)]
    fn abs(self) -> Self {
        Simd128F32(f32x4_abs(self.0))
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        // wasm's min/max return NaN when either operand is NaN.
        Simd128F32(f32x4_max(lo.0, f32x4_min(hi.0, self.0)))
    }
    #[inline(always)]
    fn round(self) -> Self {
        Simd128F32(f32x4_nearest(self.0))
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        let n1 = f32x4_floor(f32x4_mul(n.0, f32x4_splat(0.5)));
        let n2 = f32x4_sub(n.0, n1);
        Simd128F32(f32x4_mul(f32x4_mul(self.0, pow2_f32(n1)), pow2_f32(n2)))
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        Simd128F32(v128_bitselect(t.0, f.0, f32x4_lt(a.0, b.0)))
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        let s = f32x4_splat(-0.0);
        Simd128F32(v128_or(v128_andnot(self.0, s), v128_and(sign.0, s)))
    }
}

#[derive(Clone, Copy)]
pub(super) struct Simd128F64(v128);

/// 2^k for integer-valued k in the normal exponent range of f64 (no f64 -> i64 conversion
/// in simd128: adding 1.5·2^52 puts k + 1023 in the low mantissa bits, shifted into the
/// exponent field).
#[inline(always)]
fn pow2_f64(k: v128) -> v128 {
    i64x2_shl(f64x2_add(k, f64x2_splat(6755399441055744.0 + 1023.0)), 52)
}

impl Lanes for Simd128F64 {
    type E = f64;
    const N: usize = 2;
    const F64: bool = true;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        Simd128F64(f64x2_splat(v))
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        Simd128F64(v128_load(p as *const v128))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f64) {
        v128_store(p as *mut v128, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f64, n: usize) -> Self {
        Simd128F64(load_partial::<f64, 2>(p, n))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f64, n: usize) {
        store_partial::<f64, 2>(self.0, p, n)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Simd128F64(f64x2_add(self.0, o.0))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Simd128F64(f64x2_sub(self.0, o.0))
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Simd128F64(f64x2_mul(self.0, o.0))
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        Simd128F64(f64x2_div(self.0, o.0))
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        Simd128F64(f64x2_add(f64x2_mul(self.0, b.0), c.0))
    }
    #[inline(always)]
    fn abs(self) -> Self {
        Simd128F64(f64x2_abs(self.0))
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        Simd128F64(f64x2_max(lo.0, f64x2_min(hi.0, self.0)))
    }
    #[inline(always)]
    fn round(self) -> Self {
        Simd128F64(f64x2_nearest(self.0))
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        let n1 = f64x2_floor(f64x2_mul(n.0, f64x2_splat(0.5)));
        let n2 = f64x2_sub(n.0, n1);
        Simd128F64(f64x2_mul(f64x2_mul(self.0, pow2_f64(n1)), pow2_f64(n2)))
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        Simd128F64(v128_bitselect(t.0, f.0, f64x2_lt(a.0, b.0)))
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        let s = f64x2_splat(-0.0);
        Simd128F64(v128_or(v128_andnot(self.0, s), v128_and(sign.0, s)))
    }
}
