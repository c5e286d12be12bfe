//! Layout changes: a batch of strided 2-D transposes, as `TransposeArgs` in core's
//! backend/types.ts. For q < count, r < rows, c < cols:
//!   dst[q*dst_batch + c*ld_dst + r] = src[q*src_batch + r*ld_src + c].
//! The seed API uses it to turn (n, m, T) arrays into time-major [T, m, n] and back, and to
//! stack gate weights. Only bits move, so any 4- or 8-byte element type takes the SIMD
//! path; the result is exact on every path (`transpose_scalar` is the test oracle).

use crate::gemm::Isa;

/// Sizes and strides of one call (elements, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransposeDims {
    pub count: usize,
    pub rows: usize,
    pub cols: usize,
    pub ld_src: usize,
    pub src_batch: usize,
    pub ld_dst: usize,
    pub dst_batch: usize,
}

impl TransposeDims {
    fn is_empty(&self) -> bool {
        self.count == 0 || self.rows == 0 || self.cols == 0
    }

    /// Elements src must hold, or None if that overflows usize.
    pub fn src_len(&self) -> Option<usize> {
        span(self.count, self.rows, self.cols, self.ld_src, self.src_batch, self.is_empty())
    }

    /// Elements dst must hold, or None if that overflows usize.
    pub fn dst_len(&self) -> Option<usize> {
        span(self.count, self.cols, self.rows, self.ld_dst, self.dst_batch, self.is_empty())
    }

    /// Why the row strides are invalid (rows would overlap), or None. An empty call has none.
    pub fn stride_problem(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        if self.rows > 1 && self.ld_src < self.cols {
            return Some(format!("ldSrc must be >= cols ({}), got {}", self.cols, self.ld_src));
        }
        if self.cols > 1 && self.ld_dst < self.rows {
            return Some(format!("ldDst must be >= rows ({}), got {}", self.rows, self.ld_dst));
        }
        None
    }

    /// Why the call is invalid for slices of these lengths, or None when it is valid.
    pub fn problem(&self, src_len: usize, dst_len: usize) -> Option<String> {
        if let Some(p) = self.stride_problem() {
            return Some(p);
        }
        let d = self;
        match self.src_len() {
            Some(n) if n <= src_len => {}
            n => {
                return Some(format!(
                    "src holds {src_len} values but {} blocks of {}x{} (ldSrc={}, srcBatch={}) need {}",
                    d.count,
                    d.rows,
                    d.cols,
                    d.ld_src,
                    d.src_batch,
                    n.map_or_else(|| "more than fit in memory".to_string(), |n| n.to_string())
                ))
            }
        }
        match self.dst_len() {
            Some(n) if n <= dst_len => None,
            n => Some(format!(
                "dst holds {dst_len} values but {} blocks of {}x{} (ldDst={}, dstBatch={}) need {}",
                d.count,
                d.cols,
                d.rows,
                d.ld_dst,
                d.dst_batch,
                n.map_or_else(|| "more than fit in memory".to_string(), |n| n.to_string())
            )),
        }
    }
}

fn span(count: usize, rows: usize, cols: usize, ld: usize, batch: usize, empty: bool) -> Option<usize> {
    if empty {
        return Some(0);
    }
    (count - 1).checked_mul(batch)?.checked_add((rows - 1).checked_mul(ld)?)?.checked_add(cols)
}

/// The plain loops (the oracle of the blocked and SIMD paths).
pub fn transpose_scalar<T: Copy>(d: &TransposeDims, src: &[T], dst: &mut [T]) {
    assert_valid(d, src.len(), dst.len());
    if d.is_empty() {
        return;
    }
    for q in 0..d.count {
        for r in 0..d.rows {
            for c in 0..d.cols {
                dst[q * d.dst_batch + c * d.ld_dst + r] = src[q * d.src_batch + r * d.ld_src + c];
            }
        }
    }
}

fn assert_valid(d: &TransposeDims, src_len: usize, dst_len: usize) {
    if let Some(p) = d.problem(src_len, dst_len) {
        panic!("transpose: {p}");
    }
}

/// Cache blocks of BLOCK x BLOCK elements: one block's source rows and destination rows
/// stay in L1 while it is moved, in SIMD tiles where the CPU has them.
const BLOCK: usize = 32;

/// The fast path: blocked, with 8x8 (4-byte) or 4x4 (8-byte) register tiles on AVX2.
/// Panics when a slice is too short for the dims (the binding checks first). src and dst
/// are distinct slices, so they cannot overlap. Uses the global `gemm::isa()`.
pub fn transpose<T: Copy>(d: &TransposeDims, src: &[T], dst: &mut [T]) {
    transpose_with(crate::gemm::isa(), d, src, dst)
}

/// `transpose` on a given instruction-set path (falls back to blocked scalar code when the
/// path has no tile for T or the CPU lacks it).
pub fn transpose_with<T: Copy>(isa: Isa, d: &TransposeDims, src: &[T], dst: &mut [T]) {
    assert_valid(d, src.len(), dst.len());
    if d.is_empty() {
        return;
    }
    let tile = simd_tile::<T>(isa);
    for q in 0..d.count {
        for r0 in (0..d.rows).step_by(BLOCK) {
            for c0 in (0..d.cols).step_by(BLOCK) {
                let (r1, c1) = ((r0 + BLOCK).min(d.rows), (c0 + BLOCK).min(d.cols));
                // SAFETY: every index below is < the lengths assert_valid checked.
                unsafe { block(d, q, r0, r1, c0, c1, tile, src.as_ptr(), dst.as_mut_ptr()) };
            }
        }
    }
}

/// Tile size of the SIMD path for T on this CPU (0: none).
fn simd_tile<T>(isa: Isa) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if isa >= Isa::Avx2 && Isa::Avx2.is_supported() {
            return match core::mem::size_of::<T>() {
                4 => 8,
                8 => 4,
                _ => 0,
            };
        }
    }
    let _ = isa;
    0
}

#[allow(clippy::too_many_arguments)]
unsafe fn block<T: Copy>(
    d: &TransposeDims,
    q: usize,
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
    tile: usize,
    src: *const T,
    dst: *mut T,
) {
    let s = src.add(q * d.src_batch);
    let o = dst.add(q * d.dst_batch);
    let (mut rt, mut ct) = (r0, c0);
    if tile > 0 {
        rt = r0 + (r1 - r0) / tile * tile;
        ct = c0 + (c1 - c0) / tile * tile;
        for r in (r0..rt).step_by(tile) {
            for c in (c0..ct).step_by(tile) {
                simd::tile(tile, s.add(r * d.ld_src + c), d.ld_src, o.add(c * d.ld_dst + r), d.ld_dst);
            }
        }
    }
    // What the tiles did not cover: the columns right of them, then the rows below.
    for r in r0..rt {
        for c in ct..c1 {
            *o.add(c * d.ld_dst + r) = *s.add(r * d.ld_src + c);
        }
    }
    for r in rt..r1 {
        for c in c0..c1 {
            *o.add(c * d.ld_dst + r) = *s.add(r * d.ld_src + c);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod simd {
    use core::arch::x86_64::*;

    /// One tile x tile transpose; tile is 8 (4-byte elements) or 4 (8-byte elements).
    ///
    /// # Safety
    /// The CPU has AVX2; tile rows of src (stride lds) and of dst (stride ldd) are valid.
    pub(super) unsafe fn tile<T>(tile: usize, src: *const T, lds: usize, dst: *mut T, ldd: usize) {
        if tile == 8 {
            tile8x32(src as *const f32, lds, dst as *mut f32, ldd)
        } else {
            tile4x64(src as *const f64, lds, dst as *mut f64, ldd)
        }
    }

    #[target_feature(enable = "avx2")]
    unsafe fn tile8x32(s: *const f32, lds: usize, d: *mut f32, ldd: usize) {
        let r: [__m256; 8] = core::array::from_fn(|i| _mm256_loadu_ps(s.add(i * lds)));
        let t0 = _mm256_unpacklo_ps(r[0], r[1]);
        let t1 = _mm256_unpackhi_ps(r[0], r[1]);
        let t2 = _mm256_unpacklo_ps(r[2], r[3]);
        let t3 = _mm256_unpackhi_ps(r[2], r[3]);
        let t4 = _mm256_unpacklo_ps(r[4], r[5]);
        let t5 = _mm256_unpackhi_ps(r[4], r[5]);
        let t6 = _mm256_unpacklo_ps(r[6], r[7]);
        let t7 = _mm256_unpackhi_ps(r[6], r[7]);
        let u0 = _mm256_shuffle_ps::<0x44>(t0, t2);
        let u1 = _mm256_shuffle_ps::<0xEE>(t0, t2);
        let u2 = _mm256_shuffle_ps::<0x44>(t1, t3);
        let u3 = _mm256_shuffle_ps::<0xEE>(t1, t3);
        let u4 = _mm256_shuffle_ps::<0x44>(t4, t6);
        let u5 = _mm256_shuffle_ps::<0xEE>(t4, t6);
        let u6 = _mm256_shuffle_ps::<0x44>(t5, t7);
        let u7 = _mm256_shuffle_ps::<0xEE>(t5, t7);
        _mm256_storeu_ps(d, _mm256_permute2f128_ps::<0x20>(u0, u4));
        _mm256_storeu_ps(d.add(ldd), _mm256_permute2f128_ps::<0x20>(u1, u5));
        _mm256_storeu_ps(d.add(2 * ldd), _mm256_permute2f128_ps::<0x20>(u2, u6));
        _mm256_storeu_ps(d.add(3 * ldd), _mm256_permute2f128_ps::<0x20>(u3, u7));
        _mm256_storeu_ps(d.add(4 * ldd), _mm256_permute2f128_ps::<0x31>(u0, u4));
        _mm256_storeu_ps(d.add(5 * ldd), _mm256_permute2f128_ps::<0x31>(u1, u5));
        _mm256_storeu_ps(d.add(6 * ldd), _mm256_permute2f128_ps::<0x31>(u2, u6));
        _mm256_storeu_ps(d.add(7 * ldd), _mm256_permute2f128_ps::<0x31>(u3, u7));
    }

    #[target_feature(enable = "avx2")]
    unsafe fn tile4x64(s: *const f64, lds: usize, d: *mut f64, ldd: usize) {
        let r: [__m256d; 4] = core::array::from_fn(|i| _mm256_loadu_pd(s.add(i * lds)));
        let t0 = _mm256_unpacklo_pd(r[0], r[1]);
        let t1 = _mm256_unpackhi_pd(r[0], r[1]);
        let t2 = _mm256_unpacklo_pd(r[2], r[3]);
        let t3 = _mm256_unpackhi_pd(r[2], r[3]);
        _mm256_storeu_pd(d, _mm256_permute2f128_pd::<0x20>(t0, t2));
        _mm256_storeu_pd(d.add(ldd), _mm256_permute2f128_pd::<0x20>(t1, t3));
        _mm256_storeu_pd(d.add(2 * ldd), _mm256_permute2f128_pd::<0x31>(t0, t2));
        _mm256_storeu_pd(d.add(3 * ldd), _mm256_permute2f128_pd::<0x31>(t1, t3));
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod simd {
    pub(super) unsafe fn tile<T>(_: usize, _: *const T, _: usize, _: *mut T, _: usize) {
        unreachable!("no SIMD transpose tile on this target")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(count: usize, rows: usize, cols: usize, pad: usize) -> TransposeDims {
        let (ld_src, ld_dst) = (cols + pad, rows + 2 * pad);
        TransposeDims {
            count,
            rows,
            cols,
            ld_src,
            src_batch: rows * ld_src + pad,
            ld_dst,
            dst_batch: cols * ld_dst + 3 * pad,
        }
    }

    fn check<T: Copy + PartialEq + core::fmt::Debug>(make: fn(usize) -> T) {
        for &(count, rows, cols) in
            &[(1, 1, 1), (1, 8, 8), (2, 9, 17), (3, 33, 31), (1, 64, 100), (2, 100, 7), (1, 3, 70)]
        {
            for pad in [0, 3] {
                let d = dims(count, rows, cols, pad);
                let src: Vec<T> = (0..d.src_len().unwrap()).map(make).collect();
                let fill = make(usize::MAX / 2);
                let mut want = vec![fill; d.dst_len().unwrap()];
                transpose_scalar(&d, &src, &mut want);
                for isa in [Isa::Scalar, Isa::Avx2, Isa::Avx512] {
                    let mut got = vec![fill; want.len()];
                    transpose_with(isa, &d, &src, &mut got);
                    assert_eq!(got, want, "{isa:?} {d:?}");
                }
                // The oracle itself: spot-check the formula and that gaps are untouched.
                let (q, r, c) = (count - 1, rows - 1, cols / 2);
                assert!(want[q * d.dst_batch + c * d.ld_dst + r] == src[q * d.src_batch + r * d.ld_src + c]);
                if pad > 0 && want.len() > rows {
                    assert!(want[rows] == fill, "the gap after dst's first row is left alone");
                }
            }
        }
    }

    #[test]
    fn blocked_and_simd_match_the_plain_loops_f32_and_f64() {
        check::<f32>(|i| i as f32);
        check::<f64>(|i| i as f64 * 0.5);
        check::<u16>(|i| i as u16);
    }

    #[test]
    fn bad_dims_are_named() {
        let d = TransposeDims { count: 1, rows: 2, cols: 3, ld_src: 2, src_batch: 0, ld_dst: 2, dst_batch: 0 };
        assert!(d.problem(100, 100).unwrap().contains("ldSrc must be >= cols"));
        let d = TransposeDims { ld_src: 3, ..d };
        assert!(d.problem(5, 100).unwrap().contains("src holds 5 values"));
        assert!(d.problem(6, 5).unwrap().contains("dst holds 5 values"));
        assert!(d.problem(6, 6).is_none());
        let huge =
            TransposeDims { count: 2, rows: 2, cols: 2, ld_src: 2, src_batch: usize::MAX, ld_dst: 2, dst_batch: 0 };
        assert!(huge.problem(10, 10).unwrap().contains("more than fit"));
        // Empty: nothing needed, however large the other sides.
        let empty =
            TransposeDims { count: 3, rows: 0, cols: usize::MAX, ld_src: 0, src_batch: 7, ld_dst: 0, dst_batch: 9 };
        assert!(empty.problem(0, 0).is_none());
        assert!(TransposeDims { count: 0, rows: 5, cols: 5, ..empty }.problem(0, 0).is_none());
    }
}
