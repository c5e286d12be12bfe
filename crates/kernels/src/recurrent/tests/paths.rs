//! Every instruction-set path this CPU has, whatever RECUR_ISA says, and every thread
//! count: the fast kernels against the reference on each path, and bit-identical results
//! for 1..4 threads on shapes big enough to be split over several batch blocks.

use super::oracle::{check_against_reference, options};
use super::*;

fn supported_paths() -> impl Iterator<Item = Isa> {
    [Isa::Scalar, Isa::Avx2, Isa::Avx512].into_iter().filter(|p| p.is_supported())
}

#[test]
fn every_path_matches_the_reference() {
    for isa in supported_paths() {
        check_against_reference::<f64>(Impl::FastWith(isa, 1), 1e-12);
        check_against_reference::<f32>(Impl::FastWith(isa, 1), 2e-5);
    }
}

/// B = 40 is three batch blocks (16, 16, 8), and the work is enough for three threads in
/// every cell (asserted below).
const SPLIT_DIMS: (usize, usize, usize, usize) = (5, 40, 7, 256);

fn same_bits(ctx: &str, what: &str, a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{ctx} {what}: length");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "{ctx} {what}[{i}]: {x} vs {y}");
    }
}

fn identical_for_any_thread_count<F: Float>(isa: Isa) {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        let p = Problem::random(cell, ra, SPLIT_DIMS, options(v), 900 + v as u64);
        let work = p.t * p.b * p.h * p.h * cell.gate_count();
        assert_eq!(crate::recurrent::batch::ranges(p.b, work, 4).len(), 3, "{cell:?} splits");
        let one = run_forward::<F>(&p, Impl::FastWith(isa, 1));
        let g_one = run_backward::<F>(&p, &one, Impl::FastWith(isa, 1));
        for threads in 2..=4 {
            let ctx = format!("{isa:?} {cell:?} resetAfter={ra} {threads} threads");
            let f = run_forward::<F>(&p, Impl::FastWith(isa, threads));
            same_bits(&ctx, "hs", &f.hs, &one.hs);
            same_bits(&ctx, "gates", &f.gates, &one.gates);
            if let (Some(a), Some(b)) = (&f.cs, &one.cs) {
                same_bits(&ctx, "cs", a, b);
            }
            let g = run_backward::<F>(&p, &one, Impl::FastWith(isa, threads));
            for (what, a, b) in [
                ("dx", &g.dx, &g_one.dx),
                ("dh0", &g.dh0, &g_one.dh0),
                ("dwx", &g.dwx, &g_one.dwx),
                ("dwh", &g.dwh, &g_one.dwh),
                ("dbx", &g.dbx, &g_one.dbx),
                ("dbh", &g.dbh, &g_one.dbh),
            ] {
                same_bits(&ctx, what, a, b);
            }
            if let (Some(a), Some(b)) = (&g.dc0, &g_one.dc0) {
                same_bits(&ctx, "dc0", a, b);
            }
        }
        // And the split results are right, not merely consistent.
        let refr = run_forward::<F>(&p, Impl::Reference);
        let tol = if core::mem::size_of::<F>() == 8 { 1e-12 } else { 2e-5 };
        assert_forward_close(&format!("{isa:?} {cell:?}"), &one, &refr, tol);
        assert_backward_close(&format!("{isa:?} {cell:?}"), &g_one, &run_backward::<F>(&p, &one, Impl::Reference), tol);
    }
}

#[test]
fn results_are_identical_for_any_thread_count() {
    for isa in supported_paths() {
        identical_for_any_thread_count::<f64>(isa);
        identical_for_any_thread_count::<f32>(isa);
    }
}

#[test]
fn the_batch_is_split_into_whole_blocks_only_when_the_work_is_large() {
    use crate::recurrent::batch::ranges;
    use crate::recurrent::step_gemm::STEP_ROWS;
    let big = 1 << 30;
    assert_eq!(ranges(64, big, 2), [(0, 32), (32, 64)]);
    assert_eq!(ranges(40, big, 4), [(0, 16), (16, 32), (32, 40)]);
    assert_eq!(ranges(40, big, 2), [(0, 16), (16, 40)]);
    assert_eq!(ranges(10, big, 2), [(0, 10)], "one block: one thread");
    assert_eq!(ranges(64, 1000, 2), [(0, 64)], "tiny work: one thread");
    assert_eq!(ranges(0, big, 2), [(0, 0)]);
    for (lo, hi) in ranges(1000, big, 7) {
        assert!(lo % STEP_ROWS == 0 && (hi % STEP_ROWS == 0 || hi == 1000));
    }
}
