//! AVX2 packing of op(A) panels for the MR = 6 kernels when A is not transposed: rows of A
//! are contiguous along k but a panel stores each k step's MR values together, so the
//! generic `pack_a` moves one scalar at a time. Here 4 k steps of the 6 rows are loaded as
//! vectors and transposed in registers. On skinny products (n = 64) every value of A is
//! packed for only a few microkernel calls, and the scalar loop cost 10-20% of the product.
//! Same values as `pack::pack_a` (one multiply by alpha each); other cases go to it.

use crate::gemm::pack::pack_a;
use core::arch::x86_64::*;

const MR: usize = 6;

/// `pack::pack_a` for f64, MR = 6.
///
/// # Safety
/// As `pack::pack_a`; the CPU must have AVX2.
pub(crate) unsafe fn pack_a_f64(
    trans: bool,
    a: *const f64,
    lda: usize,
    mc: usize,
    kc: usize,
    alpha: f64,
    out: *mut f64,
) {
    if trans {
        return pack_a::<f64, MR>(trans, a, lda, mc, kc, alpha, out);
    }
    let full = mc / MR * MR;
    full_panels_f64(a, lda, full, kc, alpha, out);
    if full < mc {
        pack_a::<f64, MR>(false, a.add(full * lda), lda, mc - full, kc, alpha, out.add(full * kc));
    }
}

#[target_feature(enable = "avx2")]
unsafe fn full_panels_f64(a: *const f64, lda: usize, mc: usize, kc: usize, alpha: f64, out: *mut f64) {
    let al = _mm256_set1_pd(alpha);
    let body = kc / 4 * 4;
    for i0 in (0..mc).step_by(MR) {
        let r: [*const f64; MR] = core::array::from_fn(|i| a.add((i0 + i) * lda));
        let out = out.add(i0 * kc);
        for p in (0..body).step_by(4) {
            let x: [__m256d; MR] = core::array::from_fn(|i| _mm256_mul_pd(al, _mm256_loadu_pd(r[i].add(p))));
            // Rows 0-3: 4×4 transpose; rows 4-5: pairs per k step.
            let t0 = _mm256_unpacklo_pd(x[0], x[1]);
            let t1 = _mm256_unpackhi_pd(x[0], x[1]);
            let t2 = _mm256_unpacklo_pd(x[2], x[3]);
            let t3 = _mm256_unpackhi_pd(x[2], x[3]);
            let u0 = _mm256_unpacklo_pd(x[4], x[5]);
            let u1 = _mm256_unpackhi_pd(x[4], x[5]);
            let d = out.add(p * MR);
            _mm256_storeu_pd(d, _mm256_permute2f128_pd::<0x20>(t0, t2));
            _mm_storeu_pd(d.add(4), _mm256_castpd256_pd128(u0));
            _mm256_storeu_pd(d.add(6), _mm256_permute2f128_pd::<0x20>(t1, t3));
            _mm_storeu_pd(d.add(10), _mm256_castpd256_pd128(u1));
            _mm256_storeu_pd(d.add(12), _mm256_permute2f128_pd::<0x31>(t0, t2));
            _mm_storeu_pd(d.add(16), _mm256_extractf128_pd::<1>(u0));
            _mm256_storeu_pd(d.add(18), _mm256_permute2f128_pd::<0x31>(t1, t3));
            _mm_storeu_pd(d.add(22), _mm256_extractf128_pd::<1>(u1));
        }
        for p in body..kc {
            for (i, row) in r.iter().enumerate() {
                *out.add(p * MR + i) = alpha * *row.add(p);
            }
        }
    }
}

/// `pack::pack_a` for f32, MR = 6.
///
/// # Safety
/// As `pack::pack_a`; the CPU must have AVX2.
pub(crate) unsafe fn pack_a_f32(
    trans: bool,
    a: *const f32,
    lda: usize,
    mc: usize,
    kc: usize,
    alpha: f32,
    out: *mut f32,
) {
    if trans {
        return pack_a::<f32, MR>(trans, a, lda, mc, kc, alpha, out);
    }
    let full = mc / MR * MR;
    full_panels_f32(a, lda, full, kc, alpha, out);
    if full < mc {
        pack_a::<f32, MR>(false, a.add(full * lda), lda, mc - full, kc, alpha, out.add(full * kc));
    }
}

#[target_feature(enable = "avx2")]
unsafe fn full_panels_f32(a: *const f32, lda: usize, mc: usize, kc: usize, alpha: f32, out: *mut f32) {
    let al = _mm_set1_ps(alpha);
    let body = kc / 4 * 4;
    for i0 in (0..mc).step_by(MR) {
        let r: [*const f32; MR] = core::array::from_fn(|i| a.add((i0 + i) * lda));
        let out = out.add(i0 * kc);
        for p in (0..body).step_by(4) {
            let x: [__m128; MR] = core::array::from_fn(|i| _mm_mul_ps(al, _mm_loadu_ps(r[i].add(p))));
            // Rows 0-3: 4×4 transpose; rows 4-5: pairs per k step.
            let t0 = _mm_unpacklo_ps(x[0], x[1]);
            let t1 = _mm_unpackhi_ps(x[0], x[1]);
            let t2 = _mm_unpacklo_ps(x[2], x[3]);
            let t3 = _mm_unpackhi_ps(x[2], x[3]);
            let u0 = _mm_unpacklo_ps(x[4], x[5]);
            let u1 = _mm_unpackhi_ps(x[4], x[5]);
            let d = out.add(p * MR);
            _mm_storeu_ps(d, _mm_movelh_ps(t0, t2));
            _mm_storel_pd(d.add(4) as *mut f64, _mm_castps_pd(u0));
            _mm_storeu_ps(d.add(6), _mm_movehl_ps(t2, t0));
            _mm_storeh_pd(d.add(10) as *mut f64, _mm_castps_pd(u0));
            _mm_storeu_ps(d.add(12), _mm_movelh_ps(t1, t3));
            _mm_storel_pd(d.add(16) as *mut f64, _mm_castps_pd(u1));
            _mm_storeu_ps(d.add(18), _mm_movehl_ps(t3, t1));
            _mm_storeh_pd(d.add(22) as *mut f64, _mm_castps_pd(u1));
        }
        for p in body..kc {
            for (i, row) in r.iter().enumerate() {
                *out.add(p * MR + i) = alpha * *row.add(p);
            }
        }
    }
}
