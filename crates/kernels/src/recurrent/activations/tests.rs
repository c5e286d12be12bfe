//! The vectorised activations against f64 (f32 paths) or libm (f64 paths) on every path
//! this CPU has, plus their limits and special values.

use super::*;
use crate::recurrent::tests::Rng;

const PATHS: [Isa; 3] = [Isa::Scalar, Isa::Avx2, Isa::Avx512];

fn supported_paths() -> impl Iterator<Item = Isa> {
    PATHS.into_iter().filter(|p| p.is_supported())
}

/// The documented bounds (module doc of `activations`): (abs, rel) for f32 and f64.
fn bounds(f: Activation, f64_path: bool) -> (f64, f64) {
    match (f, f64_path) {
        (Activation::Sigmoid, false) => (1.0e-7, 2.0e-7),
        (Activation::Tanh, false) => (1.0e-7, 1.6e-7),
        (Activation::Exp, false) => (f64::INFINITY, 1.0e-7),
        (Activation::Sigmoid, true) => (2.5e-16, 5.0e-16),
        (Activation::Tanh, true) => (2.5e-16, 4.0e-16),
        (Activation::Exp, true) => (f64::INFINITY, 2.5e-16),
    }
}

/// The value in f64 arithmetic (libm), the reference for both element types.
fn truth(f: Activation, x: f64) -> f64 {
    match f {
        Activation::Exp => x.exp(),
        Activation::Sigmoid => sigmoid(x),
        Activation::Tanh => x.tanh(),
    }
}

/// Every 2^-12 of [-40, 40], ±(1 + m/8)·2^e over the type's exponents, ±0, and random bit
/// patterns of the type with |x| <= 1e30.
fn sweep<F: Float>(f64_type: bool) -> Vec<F> {
    let mut xs: Vec<f64> = (-40 * 4096..=40 * 4096).map(|k| k as f64 / 4096.0).collect();
    let (emin, emax) = if f64_type { (-1074, 1023) } else { (-149, 127) };
    for e in emin..=emax {
        for m in 0..8 {
            let v = (1.0 + m as f64 / 8.0) * 2f64.powi(e);
            xs.extend([v, -v]);
        }
    }
    xs.extend([0.0, -0.0]);
    let mut rng = Rng::new(99);
    while xs.len() < 600_000 {
        let v = if f64_type { f64::from_bits(rng.next_u64()) } else { f32::from_bits(rng.next_u64() as u32) as f64 };
        if v.abs() <= 1e30 {
            xs.push(v);
        }
    }
    xs.into_iter().map(F::from_f64).collect()
}

/// (max abs error, max rel error) of one path, asserting the documented bounds and the
/// cases outside them (overflow to inf, subnormal results).
fn check<F: Float>(isa: Isa, f: Activation) -> (f64, f64) {
    let f64_type = core::mem::size_of::<F>() == 8;
    let xs = sweep::<F>(f64_type);
    let mut got = xs.clone();
    apply_with(isa, f, &mut got);
    let (abs_bound, rel_bound) = bounds(f, f64_type);
    let min_normal = if f64_type { f64::MIN_POSITIVE } else { f32::MIN_POSITIVE as f64 };
    let min_subnormal = if f64_type { f64::from_bits(1) } else { f32::from_bits(1) as f64 };
    let max_finite = if f64_type { f64::MAX } else { f32::MAX as f64 };
    let (mut max_abs, mut max_rel) = (0.0f64, 0.0f64);
    for (x, g) in xs.iter().zip(&got) {
        let (x, g) = (x.to_f64(), g.to_f64());
        let want_exact = truth(f, x);
        let ctx =
            format!("{f:?} {} {isa:?} x = {x:e}: got {g:e}, want {want_exact:e}", if f64_type { "f64" } else { "f32" });
        assert!(!g.is_nan(), "{ctx}");
        if want_exact > max_finite {
            assert!(g == f64::INFINITY, "{ctx}: overflow");
            continue;
        }
        let err = (g - want_exact).abs();
        if want_exact.abs() >= min_normal {
            max_rel = max_rel.max(err / want_exact.abs());
        } else {
            assert!(err <= 2.0 * min_subnormal, "{ctx}: subnormal result");
        }
        if f != Activation::Exp {
            max_abs = max_abs.max(err);
        }
        assert!(err <= abs_bound, "{ctx}: abs error {err:e} > {abs_bound:e}");
        assert!(
            want_exact.abs() < min_normal || err <= rel_bound * want_exact.abs(),
            "{ctx}: rel error {:e} > {rel_bound:e}",
            err / want_exact.abs()
        );
    }
    (max_abs, max_rel)
}

#[test]
fn errors_stay_within_the_documented_bounds() {
    for isa in supported_paths() {
        for f in [Activation::Exp, Activation::Sigmoid, Activation::Tanh] {
            let (a32, r32) = check::<f32>(isa, f);
            let (a64, r64) = check::<f64>(isa, f);
            eprintln!("{isa:?} {f:?}: f32 max abs {a32:.2e} rel {r32:.2e} | f64 max abs {a64:.2e} rel {r64:.2e}");
        }
    }
}

fn on_each_path<F: Float>(f: Activation, xs: &[f64]) -> Vec<Vec<f64>> {
    supported_paths()
        .map(|isa| {
            let mut v: Vec<F> = xs.iter().map(|&x| F::from_f64(x)).collect();
            apply_with(isa, f, &mut v);
            v.iter().map(|x| x.to_f64()).collect()
        })
        .collect()
}

fn limits<F: Float>() {
    let big = [20.0, 40.0, 89.0, 100.0, 800.0, 1e30, f64::INFINITY];
    let neg: Vec<f64> = big.iter().map(|x| -x).collect();
    for got in on_each_path::<F>(Activation::Tanh, &big) {
        assert!(got.iter().all(|&y| y == 1.0), "tanh saturates at 1: {got:?}");
    }
    for got in on_each_path::<F>(Activation::Tanh, &neg) {
        assert!(got.iter().all(|&y| y == -1.0), "tanh saturates at -1: {got:?}");
    }
    for got in on_each_path::<F>(Activation::Sigmoid, &big[1..]) {
        assert!(got.iter().all(|&y| y == 1.0), "sigmoid saturates at 1: {got:?}");
    }
    for got in on_each_path::<F>(Activation::Sigmoid, &neg[4..]) {
        assert!(got.iter().all(|&y| y == 0.0), "sigmoid saturates at 0: {got:?}");
    }
    for got in on_each_path::<F>(Activation::Exp, &[800.0, 1e30, f64::INFINITY, -800.0, -1e30, f64::NEG_INFINITY]) {
        assert_eq!(got, [f64::INFINITY, f64::INFINITY, f64::INFINITY, 0.0, 0.0, 0.0]);
    }
    for f in [Activation::Exp, Activation::Sigmoid, Activation::Tanh] {
        for got in on_each_path::<F>(f, &[f64::NAN, 1.0, f64::NAN]) {
            assert!(got[0].is_nan() && got[2].is_nan() && !got[1].is_nan(), "{f:?} propagates NaN: {got:?}");
        }
        for got in on_each_path::<F>(f, &[0.0, -0.0]) {
            let want = truth(f, 0.0);
            assert_eq!(got, [want, want], "{f:?}(±0)");
        }
    }
}

#[test]
fn limits_are_exact_and_never_nan() {
    limits::<f32>();
    limits::<f64>();
}

#[test]
fn every_length_and_tail_is_covered() {
    // Lengths around the register widths: the masked tail gets the same values as a full
    // register would.
    for isa in supported_paths() {
        for len in 0..40 {
            let xs: Vec<f32> = (0..len).map(|i| i as f32 * 0.37 - 5.0).collect();
            let mut got = xs.clone();
            apply_with(isa, Activation::Tanh, &mut got);
            let mut one_by_one = xs.clone();
            for v in one_by_one.iter_mut() {
                apply_with(isa, Activation::Tanh, core::slice::from_mut(v));
            }
            assert_eq!(got, one_by_one, "{isa:?} len {len}");
        }
    }
}
