//! The fast kernels against the per-step scalar reference over a grid of shapes, and the
//! f32 kernels against the f64 ones.

use super::*;

/// (T, B, X, H) drawn from {0, 1, 2, 3, 7, 13, 19}: every dim is zero somewhere, each size
/// appears in each position, and a few are large enough to exercise the GEMM blocking.
pub const SHAPES: [(usize, usize, usize, usize); 16] = [
    (0, 0, 0, 0),
    (0, 2, 3, 7),
    (1, 1, 1, 1),
    (2, 3, 0, 2),
    (3, 0, 2, 3),
    (1, 2, 3, 0),
    (3, 2, 1, 3),
    (7, 3, 2, 7),
    (2, 13, 3, 2),
    (13, 2, 7, 3),
    (3, 7, 19, 13),
    (19, 3, 2, 2),
    (7, 1, 13, 19),
    (2, 2, 2, 19),
    (19, 7, 13, 7),
    (3, 19, 7, 13),
];

/// Options alternate along the grid so both present and absent optional arguments are hit
/// for every cell.
pub fn options(i: usize) -> Options {
    match i % 4 {
        0 => Options::ALL,
        1 => Options::NONE,
        2 => Options { bh: true, c0: false, lengths: true, dhs: false, dh_t: true, dc_t: false },
        _ => Options { bh: false, c0: true, lengths: false, dhs: true, dh_t: false, dc_t: true },
    }
}

/// `fast` (Impl::Fast or FastWith) against the reference over the whole grid.
pub fn check_against_reference<F: Float>(fast: Impl, tol: f64) {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        for (i, &dims) in SHAPES.iter().enumerate() {
            for k in 0..2 {
                let opt = options(i + v + k);
                let p = Problem::random(cell, ra, dims, opt, (100 * v + 10 * i + k) as u64);
                // Every other problem with relu / the hard sigmoid.
                let p = if k == 1 { p.with_other_activations() } else { p };
                let ctx = format!("{fast:?} {cell:?} resetAfter={ra} dims={dims:?} {opt:?} k={k}");
                let got = run_forward::<F>(&p, fast);
                let refr = run_forward::<F>(&p, Impl::Reference);
                assert_forward_close(&ctx, &got, &refr, tol);
                // Both backward passes read the same (reference) forward outputs.
                let gf = run_backward::<F>(&p, &refr, fast);
                let gr = run_backward::<F>(&p, &refr, Impl::Reference);
                assert_backward_close(&ctx, &gf, &gr, tol);
            }
        }
    }
}

/// Shapes big enough for the GEMM's blocked (and threaded) path: T*B rows in the hundreds.
#[test]
fn fast_kernels_match_the_reference_on_larger_shapes() {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        let dims = [(5, 37, 70, 33), (9, 20, 3, 64)][v % 2];
        let p = Problem::random(cell, ra, dims, Options::ALL, 500 + v as u64);
        let ctx = format!("{cell:?} resetAfter={ra} dims={dims:?}");
        let refr = run_forward::<f64>(&p, Impl::Reference);
        assert_forward_close(&ctx, &run_forward::<f64>(&p, Impl::Fast), &refr, 1e-12);
        let gr = run_backward::<f64>(&p, &refr, Impl::Reference);
        assert_backward_close(&ctx, &run_backward::<f64>(&p, &refr, Impl::Fast), &gr, 1e-12);
        let refr32 = run_forward::<f32>(&p, Impl::Reference);
        assert_forward_close(&ctx, &run_forward::<f32>(&p, Impl::Fast), &refr32, 2e-5);
        let gr32 = run_backward::<f32>(&p, &refr32, Impl::Reference);
        assert_backward_close(&ctx, &run_backward::<f32>(&p, &refr32, Impl::Fast), &gr32, 2e-5);
    }
}

#[test]
fn fast_kernels_match_the_reference_in_f64() {
    check_against_reference::<f64>(Impl::Fast, 1e-12);
}

#[test]
fn fast_kernels_match_the_reference_in_f32() {
    check_against_reference::<f32>(Impl::Fast, 2e-5);
}

#[test]
fn f32_kernels_agree_with_f64_kernels() {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        for (i, &dims) in SHAPES.iter().enumerate() {
            let p = Problem::random(cell, ra, dims, options(i), (7 + 31 * v + i) as u64);
            let ctx = format!("f32 vs f64 {cell:?} resetAfter={ra} dims={dims:?}");
            let f64_fwd = run_forward::<f64>(&p, Impl::Fast);
            let f32_fwd = run_forward::<f32>(&p, Impl::Fast);
            assert_forward_close(&ctx, &f32_fwd, &f64_fwd, 1e-5);
            let f64_grad = run_backward::<f64>(&p, &f64_fwd, Impl::Fast);
            let f32_grad = run_backward::<f32>(&p, &f32_fwd, Impl::Fast);
            assert_backward_close(&ctx, &f32_grad, &f64_grad, 1e-4);
        }
    }
}
