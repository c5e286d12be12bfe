//! op(B) packed once and multiplied many times. An RNN multiplies the same recurrent
//! weights by a new small A at every time step; packing them once per sequence instead of
//! once per step saves the packing work and turns the per-step reads of B (rows ldb apart)
//! into one contiguous stream.
//!
//! Layout: for each block of `kc` rows of op(B) (the same k blocks as the blocked path),
//! the ceil(n/NR) panels of kc×NR values, zero-padded, one after another.

use super::blocked::{kc_block, macro_kernel, PanelsB};
use super::buffer::Scratch;
use super::config::{isa, num_threads, Isa};
use super::kernels::{with_kernels, KernelSet, PfRows};
use super::parallel::{for_each_range, ranges, threads_for};
use super::{check_gemm_args, required_len};
use crate::float::Float;
use crate::int::IntRound;
use core::marker::PhantomData;

/// op(B) (k×n) in the panel layout of one instruction-set path. Its storage comes from
/// the GEMM's buffer pool and goes back there when dropped: an RNN packs its weights anew
/// on every call, and a fresh 4 MB allocation would cost page faults each time.
pub struct PackedB<F: Float> {
    isa: Isa,
    k: usize,
    n: usize,
    kc: usize,
    nr: usize,
    data: Scratch,
    _elem: PhantomData<F>,
}

impl<F: Float> PackedB<F> {
    /// Packs op(B), where op(B)[p, j] is `b[p*ldb + j]` (or `b[j*ldb + p]` when
    /// `trans_b`), for the path `gemm` currently uses.
    pub fn new(trans_b: bool, k: usize, n: usize, b: &[F], ldb: usize) -> PackedB<F> {
        PackedB::new_for(isa(), trans_b, k, n, b, ldb)
    }

    /// As `new`, for the best supported path at or below `isa`.
    pub fn new_for(isa: Isa, trans_b: bool, k: usize, n: usize, b: &[F], ldb: usize) -> PackedB<F> {
        let (rows, cols) = if trans_b { (n, k) } else { (k, n) };
        assert!(rows == 0 || cols == 0 || ldb >= cols, "PackedB: ldb {ldb} < {cols} columns of B");
        let need = required_len(rows, cols, ldb);
        assert!(b.len() >= need, "PackedB: B has {} elements, needs {need}", b.len());
        with_kernels(isa, |ks: &KernelSet<F>| {
            let kc = kc_block(k, ks.kc);
            let n_pad = n.round_up(ks.nr);
            // pack_b writes every slot, the zero padding of the last panel included.
            let mut data = Scratch::new::<F>(k * n_pad);
            let out = data.as_mut_ptr::<F>();
            for pc in (0..k).step_by(kc) {
                let rows_here = kc.min(k - pc);
                let src = if trans_b { b.as_ptr().wrapping_add(pc) } else { b.as_ptr().wrapping_add(pc * ldb) };
                // SAFETY: the block lies inside the checked B; the output has k·n_pad slots.
                unsafe { (ks.pack_b)(trans_b, src, ldb, rows_here, n, out.add(pc * n_pad)) };
            }
            PackedB { isa: ks.isa, k, n, kc, nr: ks.nr, data, _elem: PhantomData }
        })
    }

    /// Rows of op(B).
    pub fn k(&self) -> usize {
        self.k
    }

    /// Columns of op(B).
    pub fn n(&self) -> usize {
        self.n
    }

    /// The path the panels were laid out for (and that multiplies them).
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// Columns per panel: column splits of a product start at multiples of it.
    pub fn panel_width(&self) -> usize {
        self.nr
    }
}

/// C = alpha·op(A)·B + beta·C with B packed (m×k op(A), k and n from `b`), on the global
/// thread setting. Same conventions as `gemm`.
#[allow(clippy::too_many_arguments)]
pub fn gemm_packed_b<F: Float>(
    trans_a: bool,
    m: usize,
    alpha: F,
    a: &[F],
    lda: usize,
    b: &PackedB<F>,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    gemm_packed_b_with(num_threads(), trans_a, m, alpha, a, lda, b, beta, c, ldc)
}

/// `gemm_packed_b` with an explicit thread budget.
#[allow(clippy::too_many_arguments)]
pub fn gemm_packed_b_with<F: Float>(
    max_threads: usize,
    trans_a: bool,
    m: usize,
    alpha: F,
    a: &[F],
    lda: usize,
    b: &PackedB<F>,
    beta: F,
    c: &mut [F],
    ldc: usize,
) {
    let (k, n) = (b.k, b.n);
    // B's slice was checked when it was packed; check A and C as gemm would.
    check_gemm_args(trans_a, false, m, n, k, a.len(), lda, required_len(k, n, n), n, c.len(), ldc);
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == F::ZERO {
        super::scale_c(m, n, beta, c, ldc);
        return;
    }
    let job = Job { trans_a, m, alpha, a: a.as_ptr(), lda, beta, c: c.as_mut_ptr(), ldc };
    with_kernels(b.isa, |ks: &KernelSet<F>| {
        debug_assert_eq!((ks.isa, ks.nr), (b.isa, b.nr));
        let threads = threads_for(m * n * k, n.ceil_div(ks.nr), max_threads.min(crate::pool::MAX_THREADS));
        let parts = ranges(n, ks.nr, threads);
        // SAFETY: A and C were checked; threads write disjoint column ranges of C.
        for_each_range(&parts, |j0, j1| unsafe { job.columns(ks, b, j0, j1) });
    });
}

/// Columns j0..j1 of `gemm_packed_b` (alpha 1, op(A) = A) on the calling thread, for a
/// caller that shares one product between threads it runs itself (j0 a multiple of
/// `panel_width`). Every element gets the same operations as in `gemm_packed_b`.
///
/// # Safety
/// `a` holds m rows of k = b.k() values, `lda` apart; `c` holds m rows of b.n() values,
/// `ldc` apart; no other thread reads or writes C[:, j0..j1] during the call.
#[allow(clippy::too_many_arguments)]
pub unsafe fn gemm_packed_b_columns<F: Float>(
    m: usize,
    a: *const F,
    lda: usize,
    b: &PackedB<F>,
    beta: F,
    c: *mut F,
    ldc: usize,
    (j0, j1): (usize, usize),
) {
    debug_assert!(j0 % b.nr == 0 && j0 <= j1 && j1 <= b.n);
    if m == 0 || j0 == j1 {
        return;
    }
    if b.k == 0 {
        for i in 0..m {
            for j in j0..j1 {
                let v = c.add(i * ldc + j);
                *v = if beta == F::ZERO { F::ZERO } else { beta * *v };
            }
        }
        return;
    }
    let job = Job { trans_a: false, m, alpha: F::ONE, a, lda, beta, c, ldc };
    with_kernels(b.isa, |ks: &KernelSet<F>| job.columns(ks, b, j0, j1));
}

/// The A/C side of one `gemm_packed_b` call, shared by its threads.
#[derive(Clone, Copy)]
struct Job<F> {
    trans_a: bool,
    m: usize,
    alpha: F,
    a: *const F,
    lda: usize,
    beta: F,
    c: *mut F,
    ldc: usize,
}

unsafe impl<F: Send> Send for Job<F> {}
unsafe impl<F: Sync> Sync for Job<F> {}

impl<F: Float> Job<F> {
    /// C[:, j0..j1] (j0 a multiple of NR): pack A block by block, stream B's panels.
    unsafe fn columns(&self, ks: &KernelSet<F>, b: &PackedB<F>, j0: usize, j1: usize) {
        let (m, k, kc_max, nr) = (self.m, b.k, b.kc, b.nr);
        let n_pad = b.n.round_up(nr);
        let mc_max = ks.mc.min(m.round_up(ks.mr));
        let mut abuf = Scratch::new::<F>(mc_max * kc_max);
        let ap = abuf.as_mut_ptr::<F>();
        for pc in (0..k).step_by(kc_max) {
            let kc = kc_max.min(k - pc);
            let beta = if pc == 0 { self.beta } else { F::ONE };
            let panels = b.data.as_ptr::<F>().add(pc * n_pad + j0 * kc);
            for ic in (0..m).step_by(mc_max) {
                let mc = mc_max.min(m - ic);
                let a = if self.trans_a { self.a.add(pc * self.lda + ic) } else { self.a.add(ic * self.lda + pc) };
                (ks.pack_a)(self.trans_a, a, self.lda, mc, kc, self.alpha, ap);
                let bp = PanelsB { ptr: panels, row_stride: nr, panel_stride: nr * kc, in_place: false };
                let c = self.c.add(ic * self.ldc + j0);
                macro_kernel(ks, mc, j1 - j0, kc, ap, bp, c, self.ldc, beta, PfRows::NONE);
            }
        }
    }
}
