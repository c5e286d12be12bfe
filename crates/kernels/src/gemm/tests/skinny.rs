//! Skinny products (few columns, long k: an RNN's recurrent step, BPTT) make the blocked
//! driver use smaller A blocks and prefetch the next one while computing: several A
//! blocks and k blocks per call, against the reference, 1 vs 2 threads bit-identical.

use super::*;

/// (m, n, k): A blocks of fewer rows than m (f64 60, 72, 114; f32 156, 168), several k
/// blocks, edge strips.
const SHAPES: [(usize, usize, usize); 3] = [(400, 64, 512), (97, 33, 1024), (200, 7, 600)];

fn check_skinny<F: TestFloat>() {
    let mut serial = 0;
    for (m, n, k) in affordable(&SHAPES) {
        for (trans_a, trans_b) in [(false, false), (false, true), (true, false), (true, true)] {
            let (alpha, beta) = [(1.0, 0.0), (1.0, 1.0), (-0.5, 2.0), (1.5, 0.0)][serial % 4];
            let case = Case { trans_a, trans_b, m, n, k, alpha, beta, pad: serial % 3 };
            serial += 1;
            let ops = operands::<F>(&case, 700 + serial as u64);
            let exp = expected(&case, &ops);
            for isa in supported_isas() {
                for driver in [Driver::Auto, Driver::Blocked] {
                    let one = run_path(&case, &ops, driver, isa, 1);
                    check(&case, &ops, &exp, &one, &format!("skinny {} {driver:?}", isa.name()));
                    let two = run_path(&case, &ops, driver, isa, 2);
                    let same = one.iter().zip(&two).all(|(x, y)| x.to_f64().to_bits() == y.to_f64().to_bits());
                    assert!(same, "skinny {} {driver:?}: 2 threads differ from 1; {case:?}", isa.name());
                }
            }
        }
    }
}

#[test]
fn gemm_f32_skinny_blocks_match_reference() {
    check_skinny::<f32>();
}

#[test]
fn gemm_f64_skinny_blocks_match_reference() {
    check_skinny::<f64>();
}
