//! Behaviours of the contract that the oracle comparison alone would not pin down.

use super::*;

#[test]
fn steps_past_an_examples_length_carry_its_state_and_store_zero_gates() {
    for &(cell, ra) in &VARIANTS {
        let mut p = Problem::random(cell, ra, (5, 4, 3, 2), Options::ALL, 42);
        p.lengths = Some(vec![5, 0, 2, 4]);
        let f = run_forward::<f64>(&p, Impl::Fast);
        let (bn, h, sw) = (p.b, p.h, p.store_width());
        for (b, &len) in p.lengths.as_ref().unwrap().iter().enumerate() {
            let len = len as usize;
            let last_h = |f: &Forward, t: usize| f.hs[(t * bn + b) * h..][..h].to_vec();
            let want_h = if len == 0 { p.h0[b * h..][..h].to_vec() } else { last_h(&f, len - 1) };
            for t in len..p.t {
                assert_eq!(last_h(&f, t), want_h, "{cell:?} hs[{t}][{b}] carried");
                assert!(f.gates[(t * bn + b) * sw..][..sw].iter().all(|&g| g == 0.0), "{cell:?} gates[{t}][{b}]");
                if let Some(cs) = &f.cs {
                    let want_c = if len == 0 {
                        p.c0.as_ref().unwrap()[b * h..][..h].to_vec()
                    } else {
                        cs[((len - 1) * bn + b) * h..][..h].to_vec()
                    };
                    assert_eq!(cs[(t * bn + b) * h..][..h].to_vec(), want_c, "cs[{t}][{b}] carried");
                }
            }
        }
        // An example of length 0 passes dhT and every dhs straight through to dh0.
        let g = run_backward::<f64>(&p, &f, Impl::Fast);
        let b = 1;
        for j in 0..h {
            let mut want = p.dh_t.as_ref().unwrap()[b * h + j];
            for t in 0..p.t {
                want += p.dhs.as_ref().unwrap()[(t * bn + b) * h + j];
            }
            assert!((g.dh0[b * h + j] - want).abs() < 1e-12, "{cell:?} dh0[{b}][{j}]");
            if let Some(dc0) = &g.dc0 {
                assert_eq!(dc0[b * h + j], p.dc_t.as_ref().unwrap()[b * h + j], "dc0 passes through");
            }
        }
        let x_row = p.x_dim;
        assert!(g
            .dx
            .chunks(x_row)
            .enumerate()
            .filter(|(r, _)| r % bn == b)
            .all(|(_, row)| row.iter().all(|&v| v == 0.0)));
    }
}

#[test]
fn zero_steps_return_the_final_gradients_as_initial_ones_and_zero_weight_gradients() {
    for &(cell, ra) in &VARIANTS {
        let p = Problem::random(cell, ra, (0, 3, 2, 4), Options::ALL, 5);
        let f = run_forward::<f32>(&p, Impl::Fast);
        let g = run_backward::<f32>(&p, &f, Impl::Fast);
        assert_close("dh0", &g.dh0, &widen(&cast::<f32>(p.dh_t.as_ref().unwrap())), 0.0);
        if let Some(dc0) = &g.dc0 {
            assert_close("dc0", dc0, &widen(&cast::<f32>(p.dc_t.as_ref().unwrap())), 0.0);
        }
        for (name, v) in [("dwx", &g.dwx), ("dwh", &g.dwh), ("dbx", &g.dbx), ("dbh", &g.dbh)] {
            assert!(v.iter().all(|&x| x == 0.0), "{cell:?} {name} = {v:?}");
        }
        // No final-state gradients at all: zeros, not garbage.
        let mut q = p.clone();
        q.dh_t = None;
        q.dc_t = None;
        let g = run_backward::<f64>(&q, &run_forward::<f64>(&q, Impl::Fast), Impl::Fast);
        assert!(g.dh0.iter().chain(g.dc0.iter().flatten()).all(|&x| x == 0.0));
    }
}

#[test]
fn saturated_gates_stay_finite() {
    for &(cell, ra) in &VARIANTS {
        let mut p = Problem::random(cell, ra, (4, 3, 2, 3), Options::ALL, 77);
        for v in p.x.iter_mut() {
            *v *= 1e4;
        }
        for v in p.bx.iter_mut() {
            *v = if *v > 0.0 { 500.0 } else { -500.0 };
        }
        let f = run_forward::<f32>(&p, Impl::Fast);
        let g = run_backward::<f32>(&p, &f, Impl::Fast);
        let all = f.hs.iter().chain(&f.gates).chain(&g.dx).chain(&g.dwx).chain(&g.dwh).chain(&g.dh0).chain(&g.dbh);
        for v in all {
            assert!(v.is_finite(), "{cell:?}: {v}");
        }
    }
}

#[test]
fn gru_reset_after_and_reset_before_differ_only_through_bh_and_the_reset_gate() {
    // With r's pre-activation forced to +inf (r = 1) and bh_n = 0 the two forms coincide.
    let mut p = Problem::random(CellKind::Gru, true, (3, 2, 2, 3), Options::NONE, 8);
    p.bh = Some(vec![0.0; 9]);
    for j in 0..3 {
        p.bx[j] = 1e6;
    }
    let after = run_forward::<f64>(&p, Impl::Fast);
    p.reset_after = false;
    let before = run_forward::<f64>(&p, Impl::Fast);
    assert_close("hs", &before.hs, &after.hs, 1e-12);
    // And a nonzero bh_n changes resetAfter (it is scaled by r) but in the other form it
    // acts exactly like bx_n.
    let mut q = Problem::random(CellKind::Gru, false, (3, 2, 2, 3), Options::NONE, 9);
    let base = run_forward::<f64>(&q, Impl::Fast);
    q.bh = Some((0..9).map(|j| if j >= 6 { 0.3 } else { 0.0 }).collect());
    let with_bh = run_forward::<f64>(&q, Impl::Fast);
    q.bh = None;
    for j in 6..9 {
        q.bx[j] += 0.3;
    }
    let with_bx = run_forward::<f64>(&q, Impl::Fast);
    assert_close("hs", &with_bh.hs, &with_bx.hs, 1e-12);
    assert!(with_bh.hs != base.hs);
}
