//! Central finite differences in f64 of the loss
//!   L = sum(dhs * hs) + sum(dhT * hs[T-1]) + sum(dcT * cs[T-1])
//! whose gradient w.r.t. the outputs is exactly (dhs, dhT, dcT), against recurrent_backward.

use super::*;

fn loss(p: &Problem) -> f64 {
    let f = run_forward::<f64>(p, Impl::Fast);
    let bh = p.b * p.h;
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut l = p.dhs.as_ref().map_or(0.0, |d| dot(d, &f.hs));
    if p.t > 0 {
        let last = (p.t - 1) * bh;
        l += p.dh_t.as_ref().map_or(0.0, |d| dot(d, &f.hs[last..]));
        if let (Some(d), Some(cs)) = (&p.dc_t, &f.cs) {
            l += dot(d, &cs[last..]);
        }
    } else {
        // With T = 0 the final state is the initial one.
        l += p.dh_t.as_ref().map_or(0.0, |d| dot(d, &p.h0));
        if let (Some(d), Some(c0)) = (&p.dc_t, &p.c0) {
            l += dot(d, c0);
        }
    }
    l
}

/// Checks d loss / d param[i] for every element of one parameter.
#[allow(clippy::needless_range_loop)]
fn check_param(ctx: &str, p: &Problem, name: &str, analytic: &[f64], get: impl Fn(&mut Problem) -> &mut Vec<f64>) {
    let eps = 1e-6;
    let n = get(&mut p.clone()).len();
    assert_eq!(n, analytic.len(), "{ctx} {name}: length");
    for i in 0..n {
        let mut plus = p.clone();
        get(&mut plus)[i] += eps;
        let mut minus = p.clone();
        get(&mut minus)[i] -= eps;
        let numeric = (loss(&plus) - loss(&minus)) / (2.0 * eps);
        let a = analytic[i];
        assert!(
            (a - numeric).abs() <= 1e-6 * (1.0 + numeric.abs()),
            "{ctx} d{name}[{i}]: analytic {a}, numeric {numeric}"
        );
    }
}

fn gradcheck(p: &Problem) {
    let ctx = format!(
        "{:?} resetAfter={} {:?} {:?} T={} B={} X={} H={} lengths={:?}",
        p.cell, p.reset_after, p.activation, p.recurrent_activation, p.t, p.b, p.x_dim, p.h, p.lengths
    );
    let g = run_backward::<f64>(p, &run_forward::<f64>(p, Impl::Fast), Impl::Fast);
    check_param(&ctx, p, "x", &g.dx, |q| &mut q.x);
    check_param(&ctx, p, "h0", &g.dh0, |q| &mut q.h0);
    check_param(&ctx, p, "wx", &g.dwx, |q| &mut q.wx);
    check_param(&ctx, p, "wh", &g.dwh, |q| &mut q.wh);
    check_param(&ctx, p, "bx", &g.dbx, |q| &mut q.bx);
    if p.bh.is_some() {
        check_param(&ctx, p, "bh", &g.dbh, |q| q.bh.as_mut().unwrap());
    }
    if p.c0.is_some() {
        check_param(&ctx, p, "c0", g.dc0.as_ref().unwrap(), |q| q.c0.as_mut().unwrap());
    }
}

#[test]
fn gradients_match_finite_differences() {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        for (k, dims) in [(3, 2, 3, 2), (4, 5, 2, 3), (1, 1, 2, 1)].into_iter().enumerate() {
            let p = Problem::random(cell, ra, dims, Options::ALL, (1000 + 10 * v + k) as u64);
            gradcheck(&p);
        }
    }
}

#[test]
fn gradients_match_finite_differences_with_relu_and_the_hard_sigmoid() {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        for (k, dims) in [(3, 2, 3, 2), (4, 5, 2, 3)].into_iter().enumerate() {
            let p = Problem::random(cell, ra, dims, Options::ALL, (4000 + 10 * v + k) as u64).with_other_activations();
            gradcheck(&p);
        }
    }
}

#[test]
fn gradients_match_finite_differences_without_optional_args() {
    for (v, &(cell, ra)) in VARIANTS.iter().enumerate() {
        let mut p = Problem::random(cell, ra, (3, 2, 2, 3), Options::NONE, (2000 + v) as u64);
        // Some loss is needed: only dhT, so every step's gradient flows through the recurrence.
        p.dh_t = Some(Rng::new(9).vec(p.b * p.h, 1.0));
        gradcheck(&p);
    }
}

#[test]
fn gradients_match_finite_differences_with_zero_steps() {
    for &(cell, ra) in &VARIANTS {
        let p = Problem::random(cell, ra, (0, 2, 3, 2), Options::ALL, 3000);
        gradcheck(&p);
    }
}
