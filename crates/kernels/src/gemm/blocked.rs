//! The Goto/BLIS packed path for large shapes:
//!
//! ```text
//! for jc in n step NC                 B block kc×nc packed (L3)
//!   for pc in k step KC               beta applied on the first KC block only
//!     pack op(B)[pc.., jc..]
//!     for ic in m step MC             A block mc×kc packed, alpha folded in (L2); small B:
//!                                     fewer rows, next block prefetched meanwhile
//!       pack op(A)[ic.., pc..]
//!       macro_kernel: for each NR strip (L1) × each MR panel: microkernel
//! ```
//! Threads split C into column (or row) ranges and run this loop nest each on its own.

use super::buffer::Scratch;
use super::kernels::{KernelSet, PfRows, MAX_TILE};
use super::parallel::{for_each_range, ranges, threads_for};
use super::problem::Problem;
use crate::float::Float;
use crate::int::IntRound;

pub(crate) fn run<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>, max_threads: usize) {
    let work = pr.m * pr.n * pr.k;
    // Split the larger side; each thread packs its own copy of the other operand.
    let by_cols = pr.n >= pr.m;
    let (total, unit) = if by_cols { (pr.n, ks.nr) } else { (pr.m, ks.mr) };
    let threads = threads_for(work, total.ceil_div(unit), max_threads);
    let parts = ranges(total, unit, threads);
    for_each_range(&parts, |lo, hi| {
        let sub = if by_cols { pr.cols(lo, hi) } else { pr.rows(lo, hi) };
        // SAFETY: ranges are disjoint blocks of C inside the checked problem.
        unsafe { serial(ks, &sub) }
    });
}

/// k split into equal blocks of at most `kc_max` (depends on k only, so every thread and
/// every thread count uses the same blocks).
pub(crate) fn kc_block(k: usize, kc_max: usize) -> usize {
    k.ceil_div(k.ceil_div(kc_max).max(1)).max(1)
}

unsafe fn serial<T: Float>(ks: &KernelSet<T>, pr: &Problem<T>) {
    let (m, n, k) = (pr.m, pr.n, pr.k);
    let kc_max = kc_block(k, ks.kc);
    let nc_max = ks.nc.min(n.round_up(ks.nr));
    let (mc_block, prefetch_a) = mc_block(ks, kc_max, nc_max);
    let mc_max = mc_block.min(m.round_up(ks.mr));
    let mut abuf = Scratch::new::<T>(mc_max * kc_max);
    let mut bbuf = Scratch::new::<T>(nc_max * kc_max);
    let (ap, bp) = (abuf.as_mut_ptr::<T>(), bbuf.as_mut_ptr::<T>());
    for jc in (0..n).step_by(nc_max) {
        let nc = nc_max.min(n - jc);
        for pc in (0..k).step_by(kc_max) {
            let kc = kc_max.min(k - pc);
            (ks.pack_b)(pr.trans_b, pr.b_at(pc, jc), pr.ldb, kc, nc, bp);
            let beta = if pc == 0 { pr.beta } else { T::ONE };
            for ic in (0..m).step_by(mc_max) {
                let mc = mc_max.min(m - ic);
                (ks.pack_a)(pr.trans_a, pr.a_at(ic, pc), pr.lda, mc, kc, pr.alpha, ap);
                // The A block packed next (same pc, or the next k block, or the next jc).
                let next = if !prefetch_a {
                    PfRows::NONE
                } else if ic + mc < m {
                    a_source(pr, ic + mc, mc_max.min(m - ic - mc), pc, kc)
                } else if pc + kc < k {
                    a_source(pr, 0, mc_max.min(m), pc + kc, kc_max.min(k - pc - kc))
                } else if jc + nc < n {
                    a_source(pr, 0, mc_max.min(m), 0, kc_max.min(k))
                } else {
                    PfRows::NONE
                };
                let b = PanelsB { ptr: bp, row_stride: ks.nr, panel_stride: ks.nr * kc, in_place: false };
                macro_kernel(ks, mc, nc, kc, ap, b, pr.c_at(ic, jc), pr.ldc, beta, next);
            }
        }
    }
}

/// L2 bytes for the packed A block, the next A block prefetched from memory meanwhile and
/// the packed B block when it is small enough to stay there (on AVX2's 512 KB L2).
const L2_BUDGET: usize = 384 * 1024;

/// Rows of A per block, and whether to prefetch the next A block. When B is small (skinny
/// n), A is used for only n/NR strips per packing and waiting on memory while packing cost
/// 10-20% of the product: the next block is prefetched during the current one, and blocks
/// get fewer rows so both fit in L2 with B. Otherwise the kernel set's mc, no prefetch (the
/// packing is amortised over many strips). Does not change results: a row's arithmetic
/// does not depend on its block.
fn mc_block<T: Float>(ks: &KernelSet<T>, kc: usize, nc: usize) -> (usize, bool) {
    let size = core::mem::size_of::<T>();
    let b_bytes = kc * nc * size;
    if b_bytes >= L2_BUDGET / 2 {
        return (ks.mc, false);
    }
    let rows = (L2_BUDGET - b_bytes) / (2 * kc * size);
    ((rows / ks.mr * ks.mr).clamp(ks.mr, ks.mc), true)
}

/// Where op(A)[i0..i0+rows, p0..p0+len] lies in memory, as rows of contiguous values, for
/// the microkernels to prefetch before `pack_a` reads it.
fn a_source<T: Float>(pr: &Problem<T>, i0: usize, rows: usize, p0: usize, len: usize) -> PfRows<T> {
    if pr.trans_a {
        PfRows { ptr: pr.a_at(i0, p0), rs: pr.lda, rows: len, len: rows, every: 1 }
    } else {
        PfRows { ptr: pr.a_at(i0, p0), rs: pr.lda, rows, len, every: 1 }
    }
}

/// Where the microkernel finds B: NR-column panels, `panel_stride` apart, whose rows are
/// `row_stride` apart (packed: NR and NR·kc; read in place: ldb and NR).
#[derive(Clone, Copy)]
pub(crate) struct PanelsB<T> {
    pub ptr: *const T,
    pub row_stride: usize,
    pub panel_stride: usize,
    pub in_place: bool,
}

/// C[0..mc, 0..nc] = A·B + beta·C for packed A panels and B panels, tile by tile. Tiles
/// cut by the last rows run a shorter microkernel; tiles cut by the last columns run on a
/// stack copy of C. Either way every element of C sees the same arithmetic as in a full
/// tile. The microkernel calls share the prefetching of `next_a`, a few rows each.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn macro_kernel<T: Float>(
    ks: &KernelSet<T>,
    mc: usize,
    nc: usize,
    kc: usize,
    ap: *const T,
    b: PanelsB<T>,
    c: *mut T,
    ldc: usize,
    beta: T,
    next_a: PfRows<T>,
) {
    let (mr, nr) = (ks.mr, ks.nr);
    let panels_a = mc.ceil_div(mr);
    let calls = panels_a * nc.ceil_div(nr);
    let pf_rows = next_a.rows.ceil_div(calls);
    // Spread a call's lines over its k steps: a few misses in flight at a time.
    let line = (64 / core::mem::size_of::<T>()).max(1);
    let lines = pf_rows * (next_a.len + line - 1).ceil_div(line);
    let every = kc.checked_div(lines).unwrap_or(1).max(1);
    for (s, jr) in (0..nc).step_by(nr).enumerate() {
        let cols = nr.min(nc - jr);
        let bpanel = b.ptr.add(s * b.panel_stride);
        // The next packed B panel comes from L3: fetch it into L2 a slice per A panel.
        let next = b.ptr.wrapping_add((s + 1) * b.panel_stride) as *const u8;
        let next_bytes = if b.in_place || jr + nr >= nc { 0 } else { kc * nr * core::mem::size_of::<T>() };
        let per_panel = next_bytes.ceil_div(panels_a).round_up(64);
        for (r, ir) in (0..mc).step_by(mr).enumerate() {
            prefetch_l2(next.wrapping_add(r * per_panel), per_panel.min(next_bytes.saturating_sub(r * per_panel)));
            let rows = mr.min(mc - ir);
            let apanel = ap.add(r * mr * kc);
            let ct = c.add(ir * ldc + jr);
            let first = (s * panels_a + r) * pf_rows;
            let pf = PfRows {
                ptr: next_a.ptr.wrapping_add(first * next_a.rs),
                rows: pf_rows.min(next_a.rows.saturating_sub(first)),
                every,
                ..next_a
            };
            if cols == nr {
                (ks.micro)(kc, apanel, bpanel, b.row_stride, ct, ldc, beta, rows, b.in_place, pf);
            } else {
                edge_tile(ks, kc, apanel, bpanel, b, ct, ldc, beta, rows, cols, pf);
            }
        }
    }
}

/// Hints `bytes` from `p` into L2 (no-op off x86-64).
#[inline(always)]
fn prefetch_l2(p: *const u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    for off in (0..bytes).step_by(64) {
        // SAFETY: a prefetch never faults; the address is only a hint.
        unsafe {
            core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T1 }>(p.wrapping_add(off) as *const i8)
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, bytes);
}

#[allow(clippy::too_many_arguments)]
unsafe fn edge_tile<T: Float>(
    ks: &KernelSet<T>,
    kc: usize,
    apanel: *const T,
    bpanel: *const T,
    b: PanelsB<T>,
    c: *mut T,
    ldc: usize,
    beta: T,
    rows: usize,
    cols: usize,
    pf: PfRows<T>,
) {
    let nr = ks.nr;
    let mut tile = [T::ZERO; MAX_TILE];
    if beta != T::ZERO {
        for i in 0..rows {
            for j in 0..cols {
                tile[i * nr + j] = *c.add(i * ldc + j);
            }
        }
    }
    (ks.micro)(kc, apanel, bpanel, b.row_stride, tile.as_mut_ptr(), nr, beta, rows, b.in_place, pf);
    for i in 0..rows {
        for j in 0..cols {
            *c.add(i * ldc + j) = tile[i * nr + j];
        }
    }
}
