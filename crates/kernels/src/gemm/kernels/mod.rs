//! Microkernels and the table (`KernelSet`) the drivers use: tile shape, cache blocking and
//! function pointers for one (instruction set, element type) pair.

pub(crate) mod portable;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm;
#[cfg(target_arch = "x86_64")]
pub(crate) mod x86;
#[cfg(target_arch = "x86_64")]
mod x86_pack;

use super::config::Isa;
use crate::float::Float;
use core::any::TypeId;

/// C[0..rows, 0..NR] = AB + beta·C (beta == 0: C = AB without reading C; beta == 1:
/// C += AB) where AB[i, j] = Σ_p a[p*MR + i]·b[p*b_rs + j], rows ≤ MR. `a` is a packed A
/// panel (alpha folded in); `b` is a packed B panel (b_rs = NR) or rows of op(B) read in
/// place (b_rs = ldb, `b_in_place`: prefetched ahead). Each element of C gets the same
/// operations in the same order whatever `rows` is. `pf`: memory to prefetch meanwhile.
pub(crate) type MicroFn<T> = unsafe fn(
    k: usize,
    a: *const T,
    b: *const T,
    b_rs: usize,
    c: *mut T,
    ldc: usize,
    beta: T,
    rows: usize,
    b_in_place: bool,
    pf: PfRows<T>,
);

/// Memory a microkernel prefetches while it runs, one cache line every `every` k steps
/// (spread out: a burst of misses would stall it): `rows` rows of `len` elements, `rs`
/// apart, from `ptr`. The blocked driver points it at the rows of op(A) it packs next.
#[derive(Clone, Copy)]
pub(crate) struct PfRows<T> {
    pub ptr: *const T,
    pub rs: usize,
    pub rows: usize,
    pub len: usize,
    /// One line every `every` k steps (≥ 1).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    pub every: usize,
}

impl<T> PfRows<T> {
    pub const NONE: PfRows<T> = PfRows { ptr: core::ptr::null(), rs: 0, rows: 0, len: 0, every: 1 };
}

/// out[r*cols + s] = Σ_p a[r*lda + p]·b[s*ldb + p] for r < rows ≤ dot_rows, s < cols ≤
/// dot_cols: dot products of rows of A with rows of B, both contiguous along k.
pub(crate) type DotFn<T> =
    unsafe fn(k: usize, a: *const T, lda: usize, b: *const T, ldb: usize, rows: usize, cols: usize, out: *mut T);

/// See `pack::pack_a`.
pub(crate) type PackAFn<T> =
    unsafe fn(trans: bool, a: *const T, lda: usize, mc: usize, kc: usize, alpha: T, out: *mut T);
/// See `pack::pack_b`.
pub(crate) type PackBFn<T> = unsafe fn(trans: bool, b: *const T, ldb: usize, kc: usize, nc: usize, out: *mut T);

/// Everything the drivers need for one path. mc is a multiple of mr, nc of nr.
pub(crate) struct KernelSet<T> {
    pub isa: Isa,
    pub mr: usize,
    pub nr: usize,
    pub mc: usize,
    pub kc: usize,
    pub nc: usize,
    pub micro: MicroFn<T>,
    pub pack_a: PackAFn<T>,
    pub pack_b: PackBFn<T>,
    pub dot: DotFn<T>,
    pub dot_rows: usize,
    pub dot_cols: usize,
}

/// Largest mr*nr of any kernel (edge tiles go through a stack tile of this size).
pub(crate) const MAX_TILE: usize = 512;

/// Runs `f` with the kernels of the best supported path at or below `isa` for element type
/// F (f32 and f64 have hand-written paths; any other Float gets the portable kernels).
pub(crate) fn with_kernels<F: Float, R>(isa: Isa, f: impl FnOnce(&KernelSet<F>) -> R) -> R {
    let isa = isa.supported_at_most();
    if let Some(ks) = same_type::<f32, F>(f32_kernels(isa)) {
        f(ks)
    } else if let Some(ks) = same_type::<f64, F>(f64_kernels(isa)) {
        f(ks)
    } else {
        f(&portable::set::<F>())
    }
}

/// `ks` as a KernelSet<F> when T is F.
fn same_type<T: Float, F: Float>(ks: &'static KernelSet<T>) -> Option<&'static KernelSet<F>> {
    if TypeId::of::<T>() == TypeId::of::<F>() {
        // SAFETY: T and F are the same type, so the two KernelSet types are too.
        Some(unsafe { &*(ks as *const KernelSet<T> as *const KernelSet<F>) })
    } else {
        None
    }
}

/// The kernels of `isa` for f32 (`isa` must be supported by this CPU).
pub(crate) fn f32_kernels(isa: Isa) -> &'static KernelSet<f32> {
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => &x86::avx512_f32::KERNELS,
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => &x86::avx2_f32::KERNELS,
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        Isa::Simd128 => &wasm::simd128_f32::KERNELS,
        _ => &portable::F32,
    }
}

/// The kernels of `isa` for f64 (`isa` must be supported by this CPU).
pub(crate) fn f64_kernels(isa: Isa) -> &'static KernelSet<f64> {
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => &x86::avx512_f64::KERNELS,
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => &x86::avx2_f64::KERNELS,
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        Isa::Simd128 => &wasm::simd128_f64::KERNELS,
        _ => &portable::F64,
    }
}

/// Writes an accumulated tile: C = acc + beta·C with the beta == 0 / 1 special cases of
/// `MicroFn`. Shared by the portable kernels.
#[inline(always)]
pub(crate) unsafe fn store_tile<F: Float, const NR: usize>(acc: &[[F; NR]], c: *mut F, ldc: usize, beta: F) {
    for (i, row) in acc.iter().enumerate() {
        let c = c.add(i * ldc);
        for (j, &v) in row.iter().enumerate() {
            let cij = c.add(j);
            *cij = if beta == F::ZERO {
                v
            } else if beta == F::ONE {
                *cij + v
            } else {
                beta * *cij + v
            };
        }
    }
}
