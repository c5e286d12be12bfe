//! Tests of every GEMM path against `scalar::gemm`. Run with
//! `cargo test --offline --release -p recur-kernels gemm`.

mod config;
mod grid;
mod packed;
mod skinny;
mod threads;

use super::{gemm_on, scalar, Driver, GemmArgs, Isa};
use crate::float::Float;

/// Element types under test, with their unit roundoff.
pub(super) trait TestFloat: Float {
    const EPS: f64;
}
impl TestFloat for f32 {
    const EPS: f64 = f32::EPSILON as f64;
}
impl TestFloat for f64 {
    const EPS: f64 = f64::EPSILON;
}

/// The paths this CPU can run (AVX2 / AVX-512 are skipped, with a note, when absent).
pub(super) fn supported_isas() -> Vec<Isa> {
    let all = [Isa::Scalar, Isa::Avx2, Isa::Avx512];
    for isa in all.iter().filter(|i| !i.is_supported()) {
        eprintln!("note: this CPU lacks {}, its GEMM path is not tested here", isa.name());
    }
    all.into_iter().filter(|i| i.is_supported()).collect()
}

/// Shapes worth running in this build: all in release (`cargo test --release`, the
/// documented way), the cheaper ones in unoptimised builds, where the SIMD kernels run as
/// un-inlined intrinsic calls and a 300³ case takes seconds per path.
pub(super) fn affordable(shapes: &[(usize, usize, usize)]) -> Vec<(usize, usize, usize)> {
    const DEBUG_MAX_WORK: usize = 1 << 20;
    let keep = |&&(m, n, k): &&(usize, usize, usize)| !cfg!(debug_assertions) || m * n * k <= DEBUG_MAX_WORK;
    shapes.iter().filter(keep).copied().collect()
}

/// Deterministic values in [-1, 1) (xorshift), so failures reproduce.
pub(super) struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// One GEMM case. `pad` extra elements per row beyond the minimum leading dimension.
#[derive(Clone, Copy, Debug)]
pub(super) struct Case {
    pub trans_a: bool,
    pub trans_b: bool,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub alpha: f64,
    pub beta: f64,
    pub pad: usize,
}

/// Marks storage outside the matrices (padding): must come back untouched.
const GUARD: f64 = 777.0;

/// Operands of a case: A, B, C with their leading dimensions, padding set to GUARD, C
/// filled with NaN when beta == 0 (it must be overwritten, never read).
pub(super) struct Operands<F> {
    pub a: Vec<F>,
    pub lda: usize,
    pub b: Vec<F>,
    pub ldb: usize,
    pub c: Vec<F>,
    pub ldc: usize,
}

pub(super) fn operands<F: Float>(case: &Case, seed: u64) -> Operands<F> {
    let mut rng = Rng::new(seed);
    let (ar, ac) = if case.trans_a { (case.k, case.m) } else { (case.m, case.k) };
    let (br, bc) = if case.trans_b { (case.n, case.k) } else { (case.k, case.n) };
    let mut fill = |rows: usize, cols: usize, nan: bool| {
        let ld = cols + case.pad;
        let data = (0..rows * ld)
            .map(|idx| {
                if idx % ld >= cols {
                    F::from_f64(GUARD)
                } else if nan {
                    F::from_f64(f64::NAN)
                } else {
                    F::from_f64(rng.next())
                }
            })
            .collect::<Vec<F>>();
        (data, ld.max(1))
    };
    let (a, lda) = fill(ar, ac, false);
    let (b, ldb) = fill(br, bc, false);
    let (c, ldc) = fill(case.m, case.n, case.beta == 0.0);
    Operands { a, lda, b, ldb, c, ldc }
}

/// Runs one path on a copy of the operands and returns C.
pub(super) fn run_path<F: Float>(case: &Case, ops: &Operands<F>, driver: Driver, isa: Isa, threads: usize) -> Vec<F> {
    let mut c = ops.c.clone();
    gemm_on(driver, isa, threads, args(case, ops, &mut c));
    c
}

/// `case` on `ops` as gemm's arguments, with `c` as C.
pub(super) fn args<'a, F: Float>(case: &Case, ops: &'a Operands<F>, c: &'a mut [F]) -> GemmArgs<'a, F> {
    let (alpha, beta) = (F::from_f64(case.alpha), F::from_f64(case.beta));
    (case.trans_a, case.trans_b, case.m, case.n, case.k, alpha, &ops.a, ops.lda, &ops.b, ops.ldb, beta, c, ops.ldc)
}

/// The reference result of a case (`scalar::gemm`) and, per element, the forward error
/// bound of two length-k dot products: 2·(k+2)·eps·(|alpha|·Σ|a||b| + |beta·c|).
pub(super) struct Expected {
    want: Vec<f64>,
    tol: Vec<f64>,
}

pub(super) fn expected<F: TestFloat>(case: &Case, ops: &Operands<F>) -> Expected {
    let mut want = ops.c.clone();
    scalar::gemm(args(case, ops, &mut want));
    let at = |i: usize, p: usize| {
        let idx = if case.trans_a { p * ops.lda + i } else { i * ops.lda + p };
        ops.a[idx].to_f64()
    };
    let bt = |p: usize, j: usize| {
        let idx = if case.trans_b { j * ops.ldb + p } else { p * ops.ldb + j };
        ops.b[idx].to_f64()
    };
    let tol = (0..want.len())
        .map(|idx| {
            let (i, j) = (idx / ops.ldc, idx % ops.ldc);
            if i >= case.m || j >= case.n {
                return 0.0;
            }
            let mag: f64 = (0..case.k).map(|p| (at(i, p) * bt(p, j)).abs()).sum();
            let c0 = if case.beta == 0.0 { 0.0 } else { (case.beta * ops.c[idx].to_f64()).abs() };
            2.0 * (case.k as f64 + 2.0) * F::EPS * (case.alpha.abs() * mag + c0)
        })
        .collect();
    Expected { want: want.iter().map(|v| v.to_f64()).collect(), tol }
}

/// Checks `got` against the reference: each element within its bound, no NaN (beta = 0
/// must not read C), padding of C untouched.
pub(super) fn check<F: Float>(case: &Case, ops: &Operands<F>, exp: &Expected, got: &[F], what: &str) {
    for (idx, g) in got.iter().enumerate() {
        let (i, j) = (idx / ops.ldc, idx % ops.ldc);
        let (g, w, tol) = (g.to_f64(), exp.want[idx], exp.tol[idx]);
        if j >= case.n || i >= case.m {
            assert_eq!(g, GUARD, "{what}: padding of C at ({i}, {j}) overwritten; {case:?}");
            continue;
        }
        assert!(!g.is_nan(), "{what}: NaN at ({i}, {j}) (beta {} must not read C); {case:?}", case.beta);
        assert!(
            (g - w).abs() <= tol,
            "{what}: C[{i}, {j}] = {g}, reference {w}, |diff| {} > tol {tol}; {case:?}",
            (g - w).abs()
        );
    }
}

/// `expected` + `check` for a single result.
pub(super) fn check_against_reference<F: TestFloat>(case: &Case, ops: &Operands<F>, got: &[F], what: &str) {
    check(case, ops, &expected(case, ops), got, what);
}
