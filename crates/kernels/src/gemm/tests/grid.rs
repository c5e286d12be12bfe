//! Every path (scalar, AVX2, AVX-512 where the CPU has them; small and blocked drivers and
//! the automatic choice) against the reference on grids of shapes, all transposes, several
//! alpha/beta (beta = 0 with NaN in C), with and without padded leading dimensions.

use super::*;

/// (alpha, beta) pairs cycled through the cases; beta = 0 fills C with NaN.
const SCALES: [(f64, f64); 6] = [(1.0, 0.0), (1.0, 1.0), (-0.5, 2.0), (2.0, -1.0), (0.0, 0.5), (1.5, 0.0)];

const DRIVERS: [Driver; 3] = [Driver::Auto, Driver::Small, Driver::Blocked];

fn cases_for(m: usize, n: usize, k: usize, serial: &mut usize) -> Vec<Case> {
    let mut out = Vec::new();
    for (trans_a, trans_b) in [(false, false), (false, true), (true, false), (true, true)] {
        let (alpha, beta) = SCALES[*serial % SCALES.len()];
        let pad = [0, 3, 1][*serial % 3];
        *serial += 1;
        out.push(Case { trans_a, trans_b, m, n, k, alpha, beta, pad });
    }
    out
}

fn check_all_paths<F: TestFloat>(cases: &[Case]) {
    let isas = supported_isas();
    for (seed, case) in cases.iter().enumerate() {
        let ops = operands::<F>(case, seed as u64);
        let exp = expected(case, &ops);
        for &isa in &isas {
            for driver in DRIVERS {
                let got = run_path(case, &ops, driver, isa, 1);
                check(case, &ops, &exp, &got, &format!("{} {driver:?}", isa.name()));
            }
        }
    }
}

fn small_grid() -> Vec<Case> {
    let dims = [0, 1, 2, 3, 5, 7, 13, 14, 17, 21, 33];
    let mut serial = 0;
    let mut cases = Vec::new();
    for &m in &dims {
        for &n in &dims {
            for &k in &dims {
                cases.extend(cases_for(m, n, k, &mut serial));
            }
        }
    }
    cases
}

/// Shapes that cross tile, small-path and cache-block boundaries of every kernel set
/// (kc 256, mc 120..480, nc 3072/4080), multiples of 7 and sizes up to 300.
fn large_shapes() -> Vec<Case> {
    let shapes = [
        (300, 300, 300),
        (257, 130, 299),
        (7, 300, 299),
        (300, 7, 280),
        (24, 300, 297),
        (25, 299, 300),
        (49, 63, 513),
        (140, 28, 70),
        (250, 20, 64),
        (490, 35, 70),
        (10, 2048, 63),
        (30, 4100, 9),
        (64, 512, 140),
    ];
    let mut serial = 0;
    affordable(&shapes).into_iter().flat_map(|(m, n, k)| cases_for(m, n, k, &mut serial)).collect()
}

#[test]
fn gemm_f32_small_grid_all_paths() {
    check_all_paths::<f32>(&small_grid());
}

#[test]
fn gemm_f64_small_grid_all_paths() {
    check_all_paths::<f64>(&small_grid());
}

#[test]
fn gemm_f32_large_shapes_all_paths() {
    check_all_paths::<f32>(&large_shapes());
}

#[test]
fn gemm_f64_large_shapes_all_paths() {
    check_all_paths::<f64>(&large_shapes());
}

/// Values that make rounding visible: the f32 result of a long sum of mixed-sign terms
/// must stay within K·eps of the reference (a kernel that dropped or repeated a k step
/// would be off by a whole term).
#[test]
fn gemm_f32_long_k_accuracy() {
    let case = Case { trans_a: false, trans_b: false, m: 13, n: 35, k: 2000, alpha: 1.0, beta: 0.0, pad: 0 };
    let ops = operands::<f32>(&case, 99);
    let exp = expected(&case, &ops);
    for isa in supported_isas() {
        for driver in DRIVERS {
            let got = run_path(&case, &ops, driver, isa, 1);
            check(&case, &ops, &exp, &got, &format!("{} {driver:?}", isa.name()));
        }
    }
}

/// The public entry point (global ISA / thread settings) on a few shapes.
#[test]
fn gemm_public_entry_matches_reference() {
    for (seed, case) in large_shapes().iter().step_by(5).enumerate() {
        let ops = operands::<f32>(case, seed as u64);
        let mut c = ops.c.clone();
        let (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, out, ldc) = args(case, &ops, &mut c);
        crate::gemm::gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, out, ldc);
        check_against_reference(case, &ops, &c, "gemm()");
    }
}
