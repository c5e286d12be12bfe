//! Tests of the whole-sequence kernels. `Problem` holds one random call's inputs in f64;
//! `run_*` executes it through the fast kernels or the scalar reference in any Float.

mod gradcheck;
mod oracle;
mod paths;
mod semantics;
mod validation;

use super::args::{CellKind, GateActivation, HiddenActivation, RecurrentBackward, RecurrentForward};
use super::{recurrent_backward, recurrent_backward_with, recurrent_forward, recurrent_forward_with, reference};
use crate::float::Float;
use crate::gemm::Isa;

/// xorshift64*: deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [-scale, scale).
    pub fn uniform(&mut self, scale: f64) -> f64 {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * scale
    }
    pub fn vec(&mut self, n: usize, scale: f64) -> Vec<f64> {
        (0..n).map(|_| self.uniform(scale)).collect()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The four cell variants every test runs: (cell, resetAfter).
pub const VARIANTS: [(CellKind, bool); 4] =
    [(CellKind::Rnn, false), (CellKind::Lstm, false), (CellKind::Gru, true), (CellKind::Gru, false)];

/// Which optional arguments a problem passes.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub bh: bool,
    pub c0: bool,
    pub lengths: bool,
    pub dhs: bool,
    pub dh_t: bool,
    pub dc_t: bool,
}

impl Options {
    pub const ALL: Options = Options { bh: true, c0: true, lengths: true, dhs: true, dh_t: true, dc_t: true };
    pub const NONE: Options = Options { bh: false, c0: false, lengths: false, dhs: false, dh_t: false, dc_t: false };
}

#[derive(Clone, Debug)]
pub struct Problem {
    pub cell: CellKind,
    pub reset_after: bool,
    pub activation: HiddenActivation,
    pub recurrent_activation: GateActivation,
    pub t: usize,
    pub b: usize,
    pub x_dim: usize,
    pub h: usize,
    pub x: Vec<f64>,
    pub h0: Vec<f64>,
    pub c0: Option<Vec<f64>>,
    pub wx: Vec<f64>,
    pub wh: Vec<f64>,
    pub bx: Vec<f64>,
    pub bh: Option<Vec<f64>>,
    pub lengths: Option<Vec<i32>>,
    pub dhs: Option<Vec<f64>>,
    pub dh_t: Option<Vec<f64>>,
    pub dc_t: Option<Vec<f64>>,
}

impl Problem {
    /// The same problem with the other nonlinearities: relu for the rnn, the hard sigmoid
    /// for the gates of the lstm and gru.
    pub fn with_other_activations(mut self) -> Self {
        self.activation = HiddenActivation::Relu;
        self.recurrent_activation = GateActivation::HardSigmoid;
        self
    }

    /// Random problem; weights scaled by 1/sqrt(fan-in) so long sequences stay in range.
    #[allow(clippy::too_many_arguments)]
    pub fn random(
        cell: CellKind,
        reset_after: bool,
        dims: (usize, usize, usize, usize),
        opt: Options,
        seed: u64,
    ) -> Self {
        let (t, b, x_dim, h) = dims;
        let mut rng = Rng::new(seed);
        let gh = cell.gate_count() * h;
        let lstm = cell == CellKind::Lstm;
        let lengths = opt.lengths.then(|| {
            // Cover the extremes 0 and T whenever the batch is big enough.
            (0..b)
                .map(|i| match i % 4 {
                    0 => t,
                    1 => 0,
                    _ => rng.below(t + 1),
                } as i32)
                .collect()
        });
        Problem {
            cell,
            reset_after,
            activation: HiddenActivation::Tanh,
            recurrent_activation: GateActivation::Sigmoid,
            t,
            b,
            x_dim,
            h,
            x: rng.vec(t * b * x_dim, 1.0),
            h0: rng.vec(b * h, 0.8),
            c0: (lstm && opt.c0).then(|| rng.vec(b * h, 1.0)),
            wx: rng.vec(x_dim * gh, 1.5 / (x_dim.max(1) as f64).sqrt()),
            wh: rng.vec(h * gh, 1.5 / (h.max(1) as f64).sqrt()),
            bx: rng.vec(gh, 0.5),
            bh: opt.bh.then(|| rng.vec(gh, 0.5)),
            lengths,
            dhs: opt.dhs.then(|| rng.vec(t * b * h, 1.0)),
            dh_t: opt.dh_t.then(|| rng.vec(b * h, 1.0)),
            dc_t: (lstm && opt.dc_t).then(|| rng.vec(b * h, 1.0)),
        }
    }

    pub fn lstm(&self) -> bool {
        self.cell == CellKind::Lstm
    }

    pub fn store_width(&self) -> usize {
        self.cell.gate_store_width(self.h)
    }

    /// The inputs of the forward call, cast to F (owned, so the call can borrow them).
    pub fn cast<F: Float>(&self) -> Cast<F> {
        Cast {
            x: cast(&self.x),
            h0: cast(&self.h0),
            c0: self.c0.as_deref().map(cast),
            wx: cast(&self.wx),
            wh: cast(&self.wh),
            bx: cast(&self.bx),
            bh: self.bh.as_deref().map(cast),
        }
    }
}

/// `Problem::cast`.
pub struct Cast<F> {
    pub x: Vec<F>,
    pub h0: Vec<F>,
    pub c0: Option<Vec<F>>,
    pub wx: Vec<F>,
    pub wh: Vec<F>,
    pub bx: Vec<F>,
    pub bh: Option<Vec<F>>,
}

/// The forward call of `p` on its cast inputs `c`, writing hs, cs and gates.
pub fn forward_args<'a, F: Float>(
    p: &'a Problem,
    c: &'a Cast<F>,
    hs: &'a mut [F],
    cs: Option<&'a mut [F]>,
    gates: &'a mut [F],
) -> RecurrentForward<'a, F> {
    RecurrentForward {
        cell: p.cell,
        reset_after: p.reset_after,
        activation: p.activation,
        recurrent_activation: p.recurrent_activation,
        t: p.t,
        b: p.b,
        x_dim: p.x_dim,
        h: p.h,
        x: &c.x,
        h0: &c.h0,
        c0: c.c0.as_deref(),
        wx: &c.wx,
        wh: &c.wh,
        bx: &c.bx,
        bh: c.bh.as_deref(),
        lengths: p.lengths.as_deref(),
        hs,
        cs,
        gates,
    }
}

pub fn cast<F: Float>(v: &[f64]) -> Vec<F> {
    v.iter().map(|&x| F::from_f64(x)).collect()
}

pub fn widen<F: Float>(v: &[F]) -> Vec<f64> {
    v.iter().map(|x| x.to_f64()).collect()
}

#[derive(Clone, Debug)]
pub struct Forward {
    pub hs: Vec<f64>,
    pub cs: Option<Vec<f64>>,
    pub gates: Vec<f64>,
}

#[derive(Clone, Debug)]
pub struct Backward {
    pub dx: Vec<f64>,
    pub dh0: Vec<f64>,
    pub dc0: Option<Vec<f64>>,
    pub dwx: Vec<f64>,
    pub dwh: Vec<f64>,
    pub dbx: Vec<f64>,
    pub dbh: Vec<f64>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Impl {
    /// The fast kernels on the global path and thread count (RECUR_ISA, RECUR_NUM_THREADS).
    Fast,
    /// The fast kernels on an explicit path and thread budget.
    FastWith(Isa, usize),
    Reference,
}

/// Outputs start as NaN so a kernel that forgets to write one is caught.
fn nan_vec<F: Float>(n: usize) -> Vec<F> {
    vec![F::from_f64(f64::NAN); n]
}

pub fn run_forward<F: Float>(p: &Problem, which: Impl) -> Forward {
    let c = p.cast::<F>();
    let n = p.t * p.b * p.h;
    let mut hs = nan_vec::<F>(n);
    let mut cs = p.lstm().then(|| nan_vec::<F>(n));
    let mut gates = nan_vec::<F>(p.t * p.b * p.store_width());
    let args = forward_args(p, &c, &mut hs, cs.as_deref_mut(), &mut gates);
    match which {
        Impl::Fast => recurrent_forward(args).expect("valid forward call"),
        Impl::FastWith(isa, threads) => recurrent_forward_with(isa, threads, args).expect("valid forward call"),
        Impl::Reference => reference::forward(args),
    }
    Forward { hs: widen(&hs), cs: cs.as_deref().map(widen), gates: widen(&gates) }
}

/// Backward from the given forward outputs (cast to F), as a layer would call it.
pub fn run_backward<F: Float>(p: &Problem, fwd: &Forward, which: Impl) -> Backward {
    let (x, h0, wx, wh) = (cast::<F>(&p.x), cast::<F>(&p.h0), cast::<F>(&p.wx), cast::<F>(&p.wh));
    let c0 = p.c0.as_deref().map(cast::<F>);
    let bh = p.bh.as_deref().map(cast::<F>);
    let (hs, gates) = (cast::<F>(&fwd.hs), cast::<F>(&fwd.gates));
    let cs = fwd.cs.as_deref().map(cast::<F>);
    let dhs = p.dhs.as_deref().map(cast::<F>);
    let dh_t = p.dh_t.as_deref().map(cast::<F>);
    let dc_t = p.dc_t.as_deref().map(cast::<F>);
    let gh = p.cell.gate_count() * p.h;
    let mut dx = nan_vec::<F>(p.t * p.b * p.x_dim);
    let mut dh0 = nan_vec::<F>(p.b * p.h);
    let mut dc0 = p.lstm().then(|| nan_vec::<F>(p.b * p.h));
    let (mut dwx, mut dwh) = (nan_vec::<F>(p.x_dim * gh), nan_vec::<F>(p.h * gh));
    let (mut dbx, mut dbh) = (nan_vec::<F>(gh), nan_vec::<F>(gh));
    let args = RecurrentBackward {
        cell: p.cell,
        reset_after: p.reset_after,
        activation: p.activation,
        recurrent_activation: p.recurrent_activation,
        t: p.t,
        b: p.b,
        x_dim: p.x_dim,
        h: p.h,
        x: &x,
        h0: &h0,
        c0: c0.as_deref(),
        wx: &wx,
        wh: &wh,
        bh: bh.as_deref(),
        lengths: p.lengths.as_deref(),
        hs: &hs,
        cs: cs.as_deref(),
        gates: &gates,
        dhs: dhs.as_deref(),
        dh_t: dh_t.as_deref(),
        dc_t: dc_t.as_deref(),
        dx: &mut dx,
        dh0: &mut dh0,
        dc0: dc0.as_deref_mut(),
        dwx: &mut dwx,
        dwh: &mut dwh,
        dbx: &mut dbx,
        dbh: Some(&mut dbh),
    };
    match which {
        Impl::Fast => recurrent_backward(args).expect("valid backward call"),
        Impl::FastWith(isa, threads) => recurrent_backward_with(isa, threads, args).expect("valid backward call"),
        Impl::Reference => reference::backward(args),
    }
    Backward {
        dx: widen(&dx),
        dh0: widen(&dh0),
        dc0: dc0.as_deref().map(widen),
        dwx: widen(&dwx),
        dwh: widen(&dwh),
        dbx: widen(&dbx),
        dbh: widen(&dbh),
    }
}

/// Asserts |got - want| <= tol * (1 + |want|) elementwise, naming the array and index.
pub fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * (1.0 + w.abs()), "{what}[{i}]: got {g}, want {w} (tol {tol})");
    }
}

pub fn assert_forward_close(ctx: &str, got: &Forward, want: &Forward, tol: f64) {
    assert_close(&format!("{ctx} hs"), &got.hs, &want.hs, tol);
    assert_close(&format!("{ctx} gates"), &got.gates, &want.gates, tol);
    if let (Some(g), Some(w)) = (&got.cs, &want.cs) {
        assert_close(&format!("{ctx} cs"), g, w, tol);
    }
}

pub fn assert_backward_close(ctx: &str, got: &Backward, want: &Backward, tol: f64) {
    assert_close(&format!("{ctx} dx"), &got.dx, &want.dx, tol);
    assert_close(&format!("{ctx} dh0"), &got.dh0, &want.dh0, tol);
    assert_close(&format!("{ctx} dwx"), &got.dwx, &want.dwx, tol);
    assert_close(&format!("{ctx} dwh"), &got.dwh, &want.dwh, tol);
    assert_close(&format!("{ctx} dbx"), &got.dbx, &want.dbx, tol);
    assert_close(&format!("{ctx} dbh"), &got.dbh, &want.dbh, tol);
    if let (Some(g), Some(w)) = (&got.dc0, &want.dc0) {
        assert_close(&format!("{ctx} dc0"), g, w, tol);
    }
}
