//! A thin vector layer for the elementwise passes: `Lanes` is one SIMD register of f32 or
//! f64 (AVX-512, AVX2+FMA, or a single scalar lane), and a `Pass` is elementwise work
//! written once over any `Lanes`, run by `dispatch` on the instruction set chosen at run
//! time (the GEMM's: RECUR_ISA / `crate::gemm::isa()`).
//!
//! How the generic code gets the target features: each `Pass::run::<V>` and every `Lanes`
//! method is `#[inline(always)]`, and `dispatch` calls `run::<V>` from a
//! `#[target_feature]` function of the matching instruction set, so the whole pass is
//! inlined into, and compiled for, that function.

pub(crate) mod math;
mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm;
#[cfg(target_arch = "x86_64")]
mod x86;

pub(crate) use scalar::Scalar;

use crate::float::Float;
use crate::gemm::Isa;
use core::any::TypeId;

/// One register of `N` elements. Loads and stores are unaligned. `load_n`/`store_n` touch
/// only the first n < N elements (the rest read as zero): the tail of a row gets exactly the
/// arithmetic of a full register.
pub(crate) trait Lanes: Copy {
    type E: Float;
    const N: usize;
    /// Whether E is f64 (picks the polynomials and ranges of `math`).
    const F64: bool;

    fn splat(v: f64) -> Self;
    /// # Safety: `p` valid for N reads.
    unsafe fn load(p: *const Self::E) -> Self;
    /// # Safety: `p` valid for N writes.
    unsafe fn store(self, p: *mut Self::E);
    /// # Safety: `p` valid for n reads, n <= N.
    unsafe fn load_n(p: *const Self::E, n: usize) -> Self;
    /// # Safety: `p` valid for n writes, n <= N.
    unsafe fn store_n(self, p: *mut Self::E, n: usize);

    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    /// self·b + c, fused (one rounding) on the SIMD paths, plain on the scalar one.
    fn mul_add(self, b: Self, c: Self) -> Self;
    fn abs(self) -> Self;
    /// Clamped to [lo, hi]; a NaN stays NaN.
    fn clamp(self, lo: Self, hi: Self) -> Self;
    /// Rounded to the nearest integer, ties to even (|self| < 2^22).
    fn round(self) -> Self;
    /// self·2^n for integer-valued n with |n| <= 1100 (f64) or 160 (f32), rounded once:
    /// overflows to inf and underflows through the subnormals like a true product.
    fn scale_pow2(self, n: Self) -> Self;
    /// Per lane: a < b ? t : f (false for NaN).
    fn select_lt(a: Self, b: Self, t: Self, f: Self) -> Self;
    /// |self| with the sign bit of `sign`.
    fn copysign(self, sign: Self) -> Self;
}

/// Elementwise work written once for any `Lanes`.
pub(crate) trait Pass<F: Float> {
    /// # Safety
    /// `V::E` is `F` (`dispatch` guarantees it), `V`'s instruction set is enabled in the
    /// calling function, and the pass's own pointer contract holds. Implementations must be
    /// `#[inline(always)]`.
    unsafe fn run<V: Lanes>(&mut self);
}

/// `n` lanes from `p` (a full register when n == N, which the callers' main loops pass as
/// a constant so the branch folds away).
///
/// # Safety: `p` valid for n reads, n <= N.
#[inline(always)]
pub(crate) unsafe fn load<V: Lanes>(p: *const V::E, n: usize) -> V {
    if n == V::N {
        V::load(p)
    } else {
        V::load_n(p, n)
    }
}

/// # Safety: `p` valid for n writes, n <= N.
#[inline(always)]
pub(crate) unsafe fn store<V: Lanes>(v: V, p: *mut V::E, n: usize) {
    if n == V::N {
        v.store(p)
    } else {
        v.store_n(p, n)
    }
}

/// `n` lanes of `s` from `off` (bounds checked in debug builds only: the passes derive
/// every offset from dimensions checked once per call).
///
/// # Safety: off + n <= s.len(), n <= V::N, and V::E is F.
#[inline(always)]
pub(crate) unsafe fn get<V: Lanes, F>(s: &[F], off: usize, n: usize) -> V {
    debug_assert!(off + n <= s.len(), "lanes {off}..{} of {}", off + n, s.len());
    load::<V>(cast::<F, V::E>(s.as_ptr()).add(off), n)
}

/// `n` lanes of `s` from `off`, plus those of `extra` when given (dh + dhs_t in backward).
///
/// # Safety: as `get`, for both slices.
#[inline(always)]
pub(crate) unsafe fn get_plus<V: Lanes, F>(s: &[F], extra: Option<&[F]>, off: usize, n: usize) -> V {
    let v: V = get(s, off, n);
    match extra {
        Some(e) => v.add(get(e, off, n)),
        None => v,
    }
}

/// Stores `n` lanes of `v` into `s` from `off`.
///
/// # Safety: as `get`.
#[inline(always)]
pub(crate) unsafe fn put<V: Lanes, F>(v: V, s: &mut [F], off: usize, n: usize) {
    debug_assert!(off + n <= s.len(), "lanes {off}..{} of {}", off + n, s.len());
    store(v, cast_mut::<F, V::E>(s.as_mut_ptr()).add(off), n)
}

/// The rows of one time step: each `width` elements wide; row r (example r of the block)
/// runs unless `lengths` says its sequence ended at or before step `t`.
#[derive(Clone, Copy)]
pub(crate) struct StepRows<'s> {
    pub width: usize,
    pub t: usize,
    pub lengths: Option<&'s [i32]>,
}

impl<'s> StepRows<'s> {
    /// Step t of batch rows r0..r1, `width` wide; `lengths` is the whole batch's.
    pub fn of(width: usize, t: usize, lengths: Option<&'s [i32]>, (r0, r1): (usize, usize)) -> Self {
        StepRows { width, t, lengths: lengths.map(|l| &l[r0..r1]) }
    }

    #[inline(always)]
    pub fn active(&self, r: usize) -> bool {
        self.lengths.map_or(true, |l| self.t < l[r] as usize)
    }
}

/// Whole rows of `width` in `len` elements (0 when width is 0): a kernel's `rows()`.
#[inline(always)]
pub(crate) fn rows_of(len: usize, width: usize) -> usize {
    len.checked_div(width).unwrap_or(0)
}

/// Elementwise work over `rows()` rows of one step (`StepRows`, its width the kernel's H)
/// in which some rows (examples past their length) are handled apart by `skip`.
pub(crate) trait RowKernel<F: Float> {
    fn rows(&self) -> usize;
    fn skip(&mut self, r: usize);
    /// Elements j..j+n of row r, n <= V::N.
    ///
    /// # Safety
    /// As `Pass::run`; r < rows(), j + n <= the step's width. Must be `#[inline(always)]`.
    unsafe fn lanes<V: Lanes>(&mut self, r: usize, j: usize, n: usize);
}

/// Runs a `RowKernel` on the rows of `step`, row by row, full registers then one masked
/// tail per row.
pub(crate) fn run_rows<F: Float, K: RowKernel<F>>(isa: Isa, step: StepRows<'_>, kernel: K) {
    dispatch(isa, &mut ByRows(kernel, step));
}

struct ByRows<'s, K>(K, StepRows<'s>);

impl<F: Float, K: RowKernel<F>> Pass<F> for ByRows<'_, K> {
    #[inline(always)]
    unsafe fn run<V: Lanes>(&mut self) {
        let (k, step) = (&mut self.0, self.1);
        let width = step.width;
        for r in 0..k.rows() {
            if !step.active(r) {
                k.skip(r);
                continue;
            }
            let mut j = 0;
            while j + V::N <= width {
                k.lanes::<V>(r, j, V::N);
                j += V::N;
            }
            if j < width {
                k.lanes::<V>(r, j, width - j);
            }
        }
    }
}

/// The pointer `p` viewed as elements of `E` (the pass's `V::E`, which is F).
#[inline(always)]
pub(crate) fn cast<F, E>(p: *const F) -> *const E {
    debug_assert_eq!(core::mem::size_of::<F>(), core::mem::size_of::<E>());
    p as *const E
}

#[inline(always)]
pub(crate) fn cast_mut<F, E>(p: *mut F) -> *mut E {
    debug_assert_eq!(core::mem::size_of::<F>(), core::mem::size_of::<E>());
    p as *mut E
}

/// Runs `pass` with the widest lanes `isa` allows on this CPU (a path the CPU lacks falls
/// back to the best one below it, as the GEMM does).
pub(crate) fn dispatch<F: Float, P: Pass<F>>(isa: Isa, pass: &mut P) {
    let isa = isa.supported_at_most();
    let is_f32 = TypeId::of::<F>() == TypeId::of::<f32>();
    let is_f64 = TypeId::of::<F>() == TypeId::of::<f64>();
    #[cfg(not(any(target_arch = "x86_64", all(target_arch = "wasm32", target_feature = "simd128"))))]
    let _ = (is_f32, is_f64);
    // SAFETY: each arm's Lanes has E = F (checked through TypeId) and the instruction set
    // is supported (supported_at_most).
    unsafe {
        match isa {
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 if is_f32 => x86::run_avx512_f32(pass),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 if is_f64 => x86::run_avx512_f64(pass),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 if is_f32 => x86::run_avx2_f32(pass),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 if is_f64 => x86::run_avx2_f64(pass),
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            Isa::Simd128 if is_f32 => wasm::run_simd128_f32(pass),
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            Isa::Simd128 if is_f64 => wasm::run_simd128_f64(pass),
            _ => pass.run::<Scalar<F>>(),
        }
    }
}
