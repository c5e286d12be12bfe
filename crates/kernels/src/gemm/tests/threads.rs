//! Results must be bit-identical for any thread count: threads only split independent
//! blocks of C, never K.

use super::*;

/// Shapes big enough to be split (over columns, over rows, on both drivers).
fn threaded_cases() -> Vec<Case> {
    // (700, 64, 1100): split by rows over several k blocks of B packed by the threads together.
    let shapes = [(200, 300, 100), (600, 40, 200), (20, 2000, 100), (16, 1000, 300), (301, 257, 129), (700, 64, 1100)];
    let mut cases = Vec::new();
    // Always run in full: smaller products would not be split at all.
    for (s, &(m, n, k)) in shapes.iter().enumerate() {
        for (t, (trans_a, trans_b)) in
            [(false, false), (false, true), (true, false), (true, true)].into_iter().enumerate()
        {
            let (alpha, beta) = [(1.0, 0.0), (0.75, -1.25)][(s + t) % 2];
            cases.push(Case { trans_a, trans_b, m, n, k, alpha, beta, pad: (s + t) % 3 });
        }
    }
    cases
}

fn check_threads<F: TestFloat>() {
    // Unoptimised builds: the automatic driver only (these shapes still reach the small,
    // dot and blocked paths, split by columns and by rows) and 2 threads.
    let (drivers, thread_counts): (&[Driver], &[usize]) = if cfg!(debug_assertions) {
        (&[Driver::Auto], &[2])
    } else {
        (&[Driver::Auto, Driver::Small, Driver::Blocked], &[2, 3])
    };
    for (seed, case) in threaded_cases().iter().enumerate() {
        let ops = operands::<F>(case, 1000 + seed as u64);
        let exp = expected(case, &ops);
        for isa in supported_isas() {
            for &driver in drivers {
                let one = run_path(case, &ops, driver, isa, 1);
                for &threads in thread_counts {
                    let many = run_path(case, &ops, driver, isa, threads);
                    let same = one.iter().zip(&many).all(|(x, y)| x.to_f64().to_bits() == y.to_f64().to_bits());
                    assert!(same, "{} {driver:?}: {threads} threads differ from 1; {case:?}", isa.name());
                }
                check(case, &ops, &exp, &one, &format!("{} {driver:?}", isa.name()));
            }
        }
    }
}

#[test]
fn gemm_f32_threads_bit_identical() {
    check_threads::<f32>();
}

#[test]
fn gemm_f64_threads_bit_identical() {
    check_threads::<f64>();
}
