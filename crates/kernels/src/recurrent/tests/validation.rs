//! Bad calls return Err naming the argument; they never panic.

use super::*;

/// The arrays of a forward call, owned by the test so edits can borrow locals.
struct Outs {
    inputs: Cast<f64>,
    hs: Vec<f64>,
    cs: Vec<f64>,
    gates: Vec<f64>,
}

impl Outs {
    fn new(p: &Problem) -> Self {
        let n = p.t * p.b * p.h;
        Outs { inputs: p.cast(), hs: vec![0.0; n], cs: vec![0.0; n], gates: vec![0.0; p.t * p.b * p.store_width()] }
    }

    /// A valid forward call for `p` on these arrays (cs for the lstm only).
    fn forward<'a>(&'a mut self, p: &'a Problem) -> RecurrentForward<'a, f64> {
        forward_args(p, &self.inputs, &mut self.hs, p.lstm().then_some(&mut self.cs[..]), &mut self.gates)
    }
}

/// A valid forward call for `p`, changed by `edit`, which must make it fail.
fn forward_err<'a>(p: &'a Problem, o: &'a mut Outs, edit: impl FnOnce(&mut RecurrentForward<'a, f64>)) -> String {
    let mut a = o.forward(p);
    edit(&mut a);
    recurrent_forward(a).expect_err("bad call must fail")
}

fn lstm() -> Problem {
    Problem::random(CellKind::Lstm, false, (3, 2, 4, 5), Options::ALL, 1)
}

#[test]
fn a_valid_call_succeeds() {
    let p = lstm();
    assert_eq!(recurrent_forward(Outs::new(&p).forward(&p)), Ok(()));
}

#[test]
fn wrong_slice_lengths_name_the_argument_and_the_shape() {
    let p = lstm();
    let short = vec![0.0; 7];
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.x = &short);
    assert!(e.contains("x has 7 elements, expected 24 = [T, B, X] (3, 2, 4)"), "{e}");
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.wh = &short);
    assert!(e.contains("wh has 7 elements, expected 100 = [H, G*H] (5, 20)"), "{e}");
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.bh = Some(&short));
    assert!(e.contains("bh has 7"), "{e}");
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.h0 = &short);
    assert!(e.contains("h0 has 7 elements, expected 10 = [B, H] (2, 5)"), "{e}");
    let mut gates = vec![0.0; 3];
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.gates = &mut gates);
    assert!(e.contains("gates has 3 elements, expected 120"), "{e}");
}

#[test]
fn lengths_outside_zero_to_t_are_rejected() {
    let p = lstm();
    let bad = [1, 4];
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.lengths = Some(&bad));
    assert!(e.contains("lengths[1] = 4 is outside 0..=3"), "{e}");
    let neg = [-1, 0];
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.lengths = Some(&neg));
    assert!(e.contains("lengths[0] = -1"), "{e}");
    let wrong_count = [1];
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.lengths = Some(&wrong_count));
    assert!(e.contains("lengths has 1 elements, expected 2 = [B]"), "{e}");
}

#[test]
fn cell_states_are_required_for_lstm_and_ignored_by_the_other_cells() {
    let p = lstm();
    let e = forward_err(&p, &mut Outs::new(&p), |a| a.cs = None);
    assert!(e.contains("cs (cell states [T, B, H]) is required for the lstm cell"), "{e}");
    let q = Problem::random(CellKind::Gru, true, (3, 2, 4, 5), Options::NONE, 1);
    let mut o = Outs::new(&q);
    let (c0, mut cs) = ([0.0; 1], [0.0; 1]);
    let mut a = o.forward(&q);
    a.c0 = Some(&c0);
    a.cs = Some(&mut cs);
    assert_eq!(recurrent_forward(a), Ok(()));
    assert!(cs[0] == 0.0, "cs untouched");
}

#[test]
fn absurd_dims_are_an_error_not_an_overflow_panic() {
    let p = lstm();
    let e = forward_err(&p, &mut Outs::new(&p), |a| {
        a.t = usize::MAX / 2;
        a.b = 3;
    });
    assert!(e.contains("overflows"), "{e}");
}

#[test]
fn backward_checks_its_gradient_outputs() {
    let p = Problem::random(CellKind::Rnn, false, (2, 3, 2, 4), Options::ALL, 3);
    let f = run_forward::<f64>(&p, Impl::Fast);
    let (mut dx, mut dh0, mut dwx, mut dwh, mut dbx) =
        (vec![0.0; 12], vec![0.0; 12], vec![0.0; 8], vec![0.0; 15], vec![0.0; 4]);
    let a = RecurrentBackward {
        cell: p.cell,
        reset_after: false,
        activation: Default::default(),
        recurrent_activation: Default::default(),
        t: p.t,
        b: p.b,
        x_dim: p.x_dim,
        h: p.h,
        x: &p.x,
        h0: &p.h0,
        c0: None,
        wx: &p.wx,
        wh: &p.wh,
        bh: p.bh.as_deref(),
        lengths: p.lengths.as_deref(),
        hs: &f.hs,
        cs: None,
        gates: &f.gates,
        dhs: p.dhs.as_deref(),
        dh_t: p.dh_t.as_deref(),
        dc_t: None,
        dx: &mut dx,
        dh0: &mut dh0,
        dc0: None,
        dwx: &mut dwx,
        dwh: &mut dwh,
        dbx: &mut dbx,
        dbh: None,
    };
    let e = recurrent_backward(a).expect_err("dwh is too short");
    assert!(e.starts_with("recurrentBackward: dwh has 15 elements, expected 16 = [H, G*H] (4, 4)"), "{e}");
}
