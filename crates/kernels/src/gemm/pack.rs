//! Packing of op(A) and op(B) blocks into the contiguous panel layouts the microkernels
//! read, so the microkernel sees one layout whatever the transposes and strides.
//!
//! A block (mc×kc of op(A)) → ceil(mc/MR) panels; panel r holds rows r*MR.. as kc groups of
//! MR values (p-major), scaled by alpha, rows past mc zero. B block (kc×nc of op(B)) →
//! ceil(nc/NR) panels; panel s holds columns s*NR.. as kc groups of NR values, columns past
//! nc zero. Zero padding lets edge tiles run the full microkernel.

use crate::float::Float;

/// Packs op(A)[0..mc, 0..kc] where `a` points at op(A)[0, 0]: op(A)[i, p] is
/// `a[i*lda + p]`, or `a[p*lda + i]` when `trans`.
///
/// # Safety
/// `a` must be valid for that block with stride `lda`; `out` for ceil(mc/MR)*MR*kc writes.
pub(crate) unsafe fn pack_a<F: Float, const MR: usize>(
    trans: bool,
    a: *const F,
    lda: usize,
    mc: usize,
    kc: usize,
    alpha: F,
    out: *mut F,
) {
    let mut out = out;
    let mut i0 = 0;
    while i0 < mc {
        let rows = MR.min(mc - i0);
        if !trans && rows == MR {
            // MR row streams read in step, one contiguous group written per p.
            let mut src = [a; MR];
            for (i, s) in src.iter_mut().enumerate() {
                *s = a.add((i0 + i) * lda);
            }
            for p in 0..kc {
                let dst = out.add(p * MR);
                for (i, s) in src.iter().enumerate() {
                    *dst.add(i) = alpha * *s.add(p);
                }
            }
        } else if !trans {
            for p in 0..kc {
                let dst = out.add(p * MR);
                for i in 0..MR {
                    *dst.add(i) = if i < rows { alpha * *a.add((i0 + i) * lda + p) } else { F::ZERO };
                }
            }
        } else {
            for p in 0..kc {
                let src = a.add(p * lda + i0);
                let dst = out.add(p * MR);
                for i in 0..MR {
                    *dst.add(i) = if i < rows { alpha * *src.add(i) } else { F::ZERO };
                }
            }
        }
        out = out.add(MR * kc);
        i0 += MR;
    }
}

/// Packs op(B)[0..kc, 0..nc] where `b` points at op(B)[0, 0]: op(B)[p, j] is
/// `b[p*ldb + j]`, or `b[j*ldb + p]` when `trans`.
///
/// # Safety
/// `b` must be valid for that block with stride `ldb`; `out` for ceil(nc/NR)*NR*kc writes.
pub(crate) unsafe fn pack_b<F: Float, const NR: usize>(
    trans: bool,
    b: *const F,
    ldb: usize,
    kc: usize,
    nc: usize,
    out: *mut F,
) {
    let mut out = out;
    let mut j0 = 0;
    while j0 < nc {
        let cols = NR.min(nc - j0);
        if !trans && cols == NR {
            for p in 0..kc {
                core::ptr::copy_nonoverlapping(b.add(p * ldb + j0), out.add(p * NR), NR);
            }
        } else if !trans {
            for p in 0..kc {
                let src = b.add(p * ldb + j0);
                let dst = out.add(p * NR);
                for j in 0..NR {
                    *dst.add(j) = if j < cols { *src.add(j) } else { F::ZERO };
                }
            }
        } else if cols == NR {
            let mut src = [b; NR];
            for (j, s) in src.iter_mut().enumerate() {
                *s = b.add((j0 + j) * ldb);
            }
            for p in 0..kc {
                let dst = out.add(p * NR);
                for (j, s) in src.iter().enumerate() {
                    *dst.add(j) = *s.add(p);
                }
            }
        } else {
            for p in 0..kc {
                let dst = out.add(p * NR);
                for j in 0..NR {
                    *dst.add(j) = if j < cols { *b.add((j0 + j) * ldb + p) } else { F::ZERO };
                }
            }
        }
        out = out.add(NR * kc);
        j0 += NR;
    }
}
