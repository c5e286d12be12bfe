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

/// Two ways of sharing the work between threads, each must give the same bits as one
/// thread: B = 136 is split into two batch ranges (64 and 72 rows, each thread runs the
/// time loop on its own rows); B = 64 stays one range and the threads share every step
/// (the step GEMM's columns, the elementwise pass's rows: 64·384 elements are three parts).
const BATCH_SPLIT_DIMS: (usize, usize, usize, usize) = (8, 136, 7, 128);
const SHARED_STEP_DIMS: (usize, usize, usize, usize) = (3, 64, 7, 384);
/// Two steps of a few rows: the step weight is read in place, not packed (a team still
/// shares the steps of the lstm and gru).
const IN_PLACE_DIMS: (usize, usize, usize, usize) = (2, 16, 7, 384);

fn same_bits(ctx: &str, what: &str, a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{ctx} {what}: length");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "{ctx} {what}[{i}]: {x} vs {y}");
    }
}

fn identical_for_any_thread_count<F: Float>(isa: Isa, dims: (usize, usize, usize, usize), batch_ranges: usize) {
    // Each variant twice: with the default nonlinearities, then with relu / hard sigmoid.
    let problems = VARIANTS.iter().enumerate().flat_map(|(v, &(cell, ra))| {
        let p = Problem::random(cell, ra, dims, options(v), 900 + v as u64);
        [(cell, ra, p.clone()), (cell, ra, p.with_other_activations())]
    });
    for (cell, ra, p) in problems {
        let step_work = p.b * p.h * p.h * cell.gate_count();
        if batch_ranges == 1 && cell != CellKind::Rnn {
            assert!(crate::recurrent::team::size(step_work, 4) > 1, "{cell:?} {dims:?}: a team shares the steps");
        }
        let work = p.t * p.b * p.h * p.h * cell.gate_count();
        assert_eq!(crate::recurrent::batch::ranges(p.b, work, 4).len(), batch_ranges, "{cell:?} {dims:?}");
        let one = run_forward::<F>(&p, Impl::FastWith(isa, 1));
        let g_one = run_backward::<F>(&p, &one, Impl::FastWith(isa, 1));
        for threads in 2..=4 {
            let ctx = format!("{isa:?} {cell:?} resetAfter={ra} {:?} {threads} threads", p.recurrent_activation);
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
        for (dims, batch_ranges) in [(BATCH_SPLIT_DIMS, 2), (SHARED_STEP_DIMS, 1), (IN_PLACE_DIMS, 1)] {
            identical_for_any_thread_count::<f64>(isa, dims, batch_ranges);
            identical_for_any_thread_count::<f32>(isa, dims, batch_ranges);
        }
    }
}

#[test]
fn the_batch_is_split_into_whole_blocks_only_when_the_work_is_large() {
    use crate::recurrent::batch::ranges;
    use crate::recurrent::step_gemm::STEP_ROWS;
    let big = 1 << 30;
    assert_eq!(ranges(128, big, 2), [(0, 64), (64, 128)]);
    assert_eq!(ranges(200, big, 4), [(0, 64), (64, 128), (128, 200)], "at least 64 rows a thread");
    assert_eq!(ranges(136, big, 2), [(0, 64), (64, 136)]);
    assert_eq!(ranges(64, big, 2), [(0, 64)], "fewer rows: the threads share each step");
    assert_eq!(ranges(10, big, 2), [(0, 10)], "one block: one thread");
    assert_eq!(ranges(256, 1000, 2), [(0, 256)], "tiny work: one thread");
    assert_eq!(ranges(0, big, 2), [(0, 0)]);
    for (lo, hi) in ranges(1000, big, 7) {
        assert!(lo % STEP_ROWS == 0 && (hi % STEP_ROWS == 0 || hi == 1000));
    }
}
