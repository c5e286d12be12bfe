//! `PackedB` + `gemm_packed_b` against the reference, on every path, with threads.

use super::*;
use crate::gemm::{gemm_packed_b_with, PackedB};

fn run_packed<F: Float>(case: &Case, ops: &Operands<F>, isa: Isa, threads: usize) -> Vec<F> {
    let packed = PackedB::new_for(isa, case.trans_b, case.k, case.n, &ops.b, ops.ldb);
    assert_eq!(packed.isa(), isa.supported_at_most());
    assert_eq!((packed.k(), packed.n()), (case.k, case.n));
    let mut c = ops.c.clone();
    let (alpha, beta) = (F::from_f64(case.alpha), F::from_f64(case.beta));
    gemm_packed_b_with(threads, case.trans_a, case.m, alpha, &ops.a, ops.lda, &packed, beta, &mut c, ops.ldc);
    c
}

fn check_packed<F: TestFloat>() {
    let shapes = [
        (0, 5, 3),
        (3, 0, 5),
        (4, 5, 0),
        (1, 1, 1),
        (10, 2048, 63),
        (7, 33, 17),
        (64, 200, 300),
        (25, 49, 513),
        (130, 17, 28),
        (300, 300, 300),
    ];
    let mut serial = 0;
    for (m, n, k) in affordable(&shapes) {
        for (trans_a, trans_b) in [(false, false), (false, true), (true, false), (true, true)] {
            let (alpha, beta) = [(1.0, 0.0), (1.0, 1.0), (-0.5, 2.0), (0.0, 0.5)][serial % 4];
            let case = Case { trans_a, trans_b, m, n, k, alpha, beta, pad: serial % 3 };
            serial += 1;
            let ops = operands::<F>(&case, 500 + serial as u64);
            let exp = expected(&case, &ops);
            for isa in supported_isas() {
                let one = run_packed(&case, &ops, isa, 1);
                check(&case, &ops, &exp, &one, &format!("packed {}", isa.name()));
                let two = run_packed(&case, &ops, isa, 2);
                let same = one.iter().zip(&two).all(|(x, y)| x.to_f64().to_bits() == y.to_f64().to_bits());
                assert!(same, "packed {}: 2 threads differ from 1; {case:?}", isa.name());
            }
        }
    }
}

#[test]
fn gemm_packed_b_f32_matches_reference() {
    check_packed::<f32>();
}

#[test]
fn gemm_packed_b_f64_matches_reference() {
    check_packed::<f64>();
}

/// The packed B can be reused for many products (an RNN's time steps).
#[test]
fn gemm_packed_b_reused_across_calls() {
    let case = Case { trans_a: false, trans_b: false, m: 10, n: 40, k: 24, alpha: 1.0, beta: 1.0, pad: 0 };
    let ops = operands::<f32>(&case, 77);
    let packed = PackedB::new(false, case.k, case.n, &ops.b, ops.ldb);
    let mut c = ops.c.clone();
    let mut want = ops.c.clone();
    for _ in 0..3 {
        crate::gemm::gemm_packed_b(false, case.m, 1.0, &ops.a, ops.lda, &packed, 1.0, &mut c, ops.ldc);
        scalar::gemm((false, false, 10, 40, 24, 1.0, &ops.a, ops.lda, &ops.b, ops.ldb, 1.0, &mut want, ops.ldc));
    }
    for (g, w) in c.iter().zip(&want) {
        assert!((g - w).abs() <= 1e-4 * (1.0 + w.abs()), "{g} vs {w}");
    }
}
