//! `Lanes` on x86-64: AVX2+FMA (8 f32 / 4 f64) and AVX-512F (16 f32 / 8 f64), and the
//! `#[target_feature]` entry points `dispatch` calls.
//!
//! Every method is `#[inline(always)]` and only ever inlined into a pass running under the
//! matching `run_*` entry point, which enables the instruction set; the `unsafe` blocks
//! rely on that.

use super::{Lanes, Pass};
use crate::float::Float;
use core::arch::x86_64::*;

#[target_feature(enable = "avx2,fma")]
pub(super) unsafe fn run_avx2_f32<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Avx2F32>()
}

#[target_feature(enable = "avx2,fma")]
pub(super) unsafe fn run_avx2_f64<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Avx2F64>()
}

#[target_feature(enable = "avx512f")]
pub(super) unsafe fn run_avx512_f32<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Avx512F32>()
}

#[target_feature(enable = "avx512f")]
pub(super) unsafe fn run_avx512_f64<F: Float, P: Pass<F>>(pass: &mut P) {
    pass.run::<Avx512F64>()
}

const ROUND_NEAREST: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
const ROUND_DOWN: i32 = _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC;

#[derive(Clone, Copy)]
pub(super) struct Avx2F32(__m256);

/// Lane mask of the first n of 8 32-bit lanes.
#[inline(always)]
unsafe fn mask8x32(n: usize) -> __m256i {
    _mm256_cmpgt_epi32(_mm256_set1_epi32(n as i32), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))
}

/// 2^k for integer-valued k in the normal exponent range of f32.
#[inline(always)]
unsafe fn pow2_ps(k: __m256) -> __m256 {
    let bits = _mm256_slli_epi32::<23>(_mm256_add_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(127)));
    _mm256_castsi256_ps(bits)
}

impl Lanes for Avx2F32 {
    type E = f32;
    const N: usize = 8;
    const F64: bool = false;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        unsafe { Avx2F32(_mm256_set1_ps(v as f32)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        Avx2F32(_mm256_loadu_ps(p))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        _mm256_storeu_ps(p, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f32, n: usize) -> Self {
        Avx2F32(_mm256_maskload_ps(p, mask8x32(n)))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f32, n: usize) {
        _mm256_maskstore_ps(p, mask8x32(n), self.0)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        unsafe { Avx2F32(_mm256_add_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        unsafe { Avx2F32(_mm256_sub_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        unsafe { Avx2F32(_mm256_mul_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        unsafe { Avx2F32(_mm256_div_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        unsafe { Avx2F32(_mm256_fmadd_ps(self.0, b.0, c.0)) }
    }
    #[inline(always)]
    fn abs(self) -> Self {
        unsafe { Avx2F32(_mm256_andnot_ps(_mm256_set1_ps(-0.0), self.0)) }
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        // min/max return their second operand when either is NaN: keep x second.
        unsafe { Avx2F32(_mm256_max_ps(lo.0, _mm256_min_ps(hi.0, self.0))) }
    }
    #[inline(always)]
    fn round(self) -> Self {
        unsafe { Avx2F32(_mm256_round_ps::<ROUND_NEAREST>(self.0)) }
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        unsafe {
            let n1 = _mm256_round_ps::<ROUND_DOWN>(_mm256_mul_ps(n.0, _mm256_set1_ps(0.5)));
            let n2 = _mm256_sub_ps(n.0, n1);
            Avx2F32(_mm256_mul_ps(_mm256_mul_ps(self.0, pow2_ps(n1)), pow2_ps(n2)))
        }
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        unsafe { Avx2F32(_mm256_blendv_ps(f.0, t.0, _mm256_cmp_ps::<_CMP_LT_OQ>(a.0, b.0))) }
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        unsafe {
            let s = _mm256_set1_ps(-0.0);
            Avx2F32(_mm256_or_ps(_mm256_andnot_ps(s, self.0), _mm256_and_ps(s, sign.0)))
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct Avx2F64(__m256d);

/// Lane mask of the first n of 4 64-bit lanes.
#[inline(always)]
unsafe fn mask4x64(n: usize) -> __m256i {
    _mm256_cmpgt_epi64(_mm256_set1_epi64x(n as i64), _mm256_setr_epi64x(0, 1, 2, 3))
}

/// 2^k for integer-valued k in the normal exponent range of f64 (AVX2 has no f64 -> i64
/// conversion: adding 1.5·2^52 puts k + 1023 in the low mantissa bits, shifted into the
/// exponent field).
#[inline(always)]
unsafe fn pow2_pd(k: __m256d) -> __m256d {
    let biased = _mm256_add_pd(k, _mm256_set1_pd(6755399441055744.0 + 1023.0));
    _mm256_castsi256_pd(_mm256_slli_epi64::<52>(_mm256_castpd_si256(biased)))
}

impl Lanes for Avx2F64 {
    type E = f64;
    const N: usize = 4;
    const F64: bool = true;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        unsafe { Avx2F64(_mm256_set1_pd(v)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        Avx2F64(_mm256_loadu_pd(p))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f64) {
        _mm256_storeu_pd(p, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f64, n: usize) -> Self {
        Avx2F64(_mm256_maskload_pd(p, mask4x64(n)))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f64, n: usize) {
        _mm256_maskstore_pd(p, mask4x64(n), self.0)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        unsafe { Avx2F64(_mm256_add_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        unsafe { Avx2F64(_mm256_sub_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        unsafe { Avx2F64(_mm256_mul_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        unsafe { Avx2F64(_mm256_div_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        unsafe { Avx2F64(_mm256_fmadd_pd(self.0, b.0, c.0)) }
    }
    #[inline(always)]
    fn abs(self) -> Self {
        unsafe { Avx2F64(_mm256_andnot_pd(_mm256_set1_pd(-0.0), self.0)) }
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        unsafe { Avx2F64(_mm256_max_pd(lo.0, _mm256_min_pd(hi.0, self.0))) }
    }
    #[inline(always)]
    fn round(self) -> Self {
        unsafe { Avx2F64(_mm256_round_pd::<ROUND_NEAREST>(self.0)) }
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        unsafe {
            let n1 = _mm256_round_pd::<ROUND_DOWN>(_mm256_mul_pd(n.0, _mm256_set1_pd(0.5)));
            let n2 = _mm256_sub_pd(n.0, n1);
            Avx2F64(_mm256_mul_pd(_mm256_mul_pd(self.0, pow2_pd(n1)), pow2_pd(n2)))
        }
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        unsafe { Avx2F64(_mm256_blendv_pd(f.0, t.0, _mm256_cmp_pd::<_CMP_LT_OQ>(a.0, b.0))) }
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        unsafe {
            let s = _mm256_set1_pd(-0.0);
            Avx2F64(_mm256_or_pd(_mm256_andnot_pd(s, self.0), _mm256_and_pd(s, sign.0)))
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct Avx512F32(__m512);

impl Lanes for Avx512F32 {
    type E = f32;
    const N: usize = 16;
    const F64: bool = false;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        unsafe { Avx512F32(_mm512_set1_ps(v as f32)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        Avx512F32(_mm512_loadu_ps(p))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        _mm512_storeu_ps(p, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f32, n: usize) -> Self {
        Avx512F32(_mm512_maskz_loadu_ps(((1u32 << n) - 1) as __mmask16, p))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f32, n: usize) {
        _mm512_mask_storeu_ps(p, ((1u32 << n) - 1) as __mmask16, self.0)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        unsafe { Avx512F32(_mm512_add_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        unsafe { Avx512F32(_mm512_sub_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        unsafe { Avx512F32(_mm512_mul_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        unsafe { Avx512F32(_mm512_div_ps(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        unsafe { Avx512F32(_mm512_fmadd_ps(self.0, b.0, c.0)) }
    }
    #[inline(always)]
    fn abs(self) -> Self {
        unsafe { Avx512F32(_mm512_abs_ps(self.0)) }
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        unsafe { Avx512F32(_mm512_max_ps(lo.0, _mm512_min_ps(hi.0, self.0))) }
    }
    #[inline(always)]
    fn round(self) -> Self {
        unsafe { Avx512F32(_mm512_roundscale_ps::<ROUND_NEAREST>(self.0)) }
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        // vscalefps: self·2^floor(n), one rounding, subnormals and overflow handled.
        unsafe { Avx512F32(_mm512_scalef_ps(self.0, n.0)) }
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        unsafe { Avx512F32(_mm512_mask_blend_ps(_mm512_cmp_ps_mask::<_CMP_LT_OQ>(a.0, b.0), f.0, t.0)) }
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        unsafe {
            let s = _mm512_set1_epi32(i32::MIN);
            let mag = _mm512_andnot_si512(s, _mm512_castps_si512(self.0));
            let sgn = _mm512_and_si512(s, _mm512_castps_si512(sign.0));
            Avx512F32(_mm512_castsi512_ps(_mm512_or_si512(mag, sgn)))
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct Avx512F64(__m512d);

impl Lanes for Avx512F64 {
    type E = f64;
    const N: usize = 8;
    const F64: bool = true;

    #[inline(always)]
    fn splat(v: f64) -> Self {
        unsafe { Avx512F64(_mm512_set1_pd(v)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        Avx512F64(_mm512_loadu_pd(p))
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f64) {
        _mm512_storeu_pd(p, self.0)
    }
    #[inline(always)]
    unsafe fn load_n(p: *const f64, n: usize) -> Self {
        Avx512F64(_mm512_maskz_loadu_pd(((1u32 << n) - 1) as __mmask8, p))
    }
    #[inline(always)]
    unsafe fn store_n(self, p: *mut f64, n: usize) {
        _mm512_mask_storeu_pd(p, ((1u32 << n) - 1) as __mmask8, self.0)
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        unsafe { Avx512F64(_mm512_add_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        unsafe { Avx512F64(_mm512_sub_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        unsafe { Avx512F64(_mm512_mul_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        unsafe { Avx512F64(_mm512_div_pd(self.0, o.0)) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        unsafe { Avx512F64(_mm512_fmadd_pd(self.0, b.0, c.0)) }
    }
    #[inline(always)]
    fn abs(self) -> Self {
        unsafe { Avx512F64(_mm512_abs_pd(self.0)) }
    }
    #[inline(always)]
    fn clamp(self, lo: Self, hi: Self) -> Self {
        unsafe { Avx512F64(_mm512_max_pd(lo.0, _mm512_min_pd(hi.0, self.0))) }
    }
    #[inline(always)]
    fn round(self) -> Self {
        unsafe { Avx512F64(_mm512_roundscale_pd::<ROUND_NEAREST>(self.0)) }
    }
    #[inline(always)]
    fn scale_pow2(self, n: Self) -> Self {
        unsafe { Avx512F64(_mm512_scalef_pd(self.0, n.0)) }
    }
    #[inline(always)]
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self {
        unsafe { Avx512F64(_mm512_mask_blend_pd(_mm512_cmp_pd_mask::<_CMP_LT_OQ>(a.0, b.0), f.0, t.0)) }
    }
    #[inline(always)]
    fn copysign(self, sign: Self) -> Self {
        unsafe {
            let s = _mm512_set1_epi64(i64::MIN);
            let mag = _mm512_andnot_si512(s, _mm512_castpd_si512(self.0));
            let sgn = _mm512_and_si512(s, _mm512_castpd_si512(sign.0));
            Avx512F64(_mm512_castsi512_pd(_mm512_or_si512(mag, sgn)))
        }
    }
}
