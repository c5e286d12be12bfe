//! `recurrentForward(cell, resetAfter, T, B, X, H, x, h0, c0, wx, wh, bx, bh, lengths, hs,
//! cs, gates, activation, recurrentActivation)`: all T steps of an RNN/LSTM/GRU layer in one
//! call, the fields of core's RecurrentForwardArgs in their declared order. c0 and cs are not
//! read for rnn / gru; activation ('tanh' | 'relu') applies to rnn, recurrentActivation
//! ('sigmoid' | 'hardSigmoid') to lstm and gru.

use super::recurrent_shapes::{lengths_vec, skip, CellOpts, Shapes};
use super::KernelCall;
use crate::arrays::{borrow, common_dtype, Dtype, Element, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;
use recur_kernels::recurrent::{recurrent_forward, CellKind, GateActivation, HiddenActivation, RecurrentForward};

pub const NAMES: &[&str] = &[
    "cell",
    "resetAfter",
    "T",
    "B",
    "X",
    "H",
    "x",
    "h0",
    "c0",
    "wx",
    "wh",
    "bx",
    "bh",
    "lengths",
    "hs",
    "cs",
    "gates",
    "activation",
    "recurrentActivation",
];
pub const ARGC: usize = 19;

struct Arrays {
    x: RawArray,
    h0: RawArray,
    c0: Option<RawArray>,
    wx: RawArray,
    wh: RawArray,
    bx: RawArray,
    bh: Option<RawArray>,
    hs: RawArray,
    cs: Option<RawArray>,
    gates: RawArray,
}

pub struct Forward {
    s: Shapes,
    cell_opts: CellOpts,
    dtype: Dtype,
    a: Arrays,
    /// Copied out of JS memory at once (B ints), so the kernel never reads them from there.
    lengths: Option<Vec<i32>>,
    /// Kept only so an async call holds (and checks) its memory until it settles.
    lengths_array: Option<RawArray>,
}

/// `func` names the export in messages (e.g. gemm or gemmAsync).
pub fn prepare(env: Env, func: &'static str, argc: usize, args: &[Value]) -> JsResult<Forward> {
    let mut r = ArgReader::new(env, func, NAMES, argc, args)?;
    let cell = r.cell()?;
    let reset_after = r.opt_boolean()?;
    let s = Shapes::new(func, cell, r.dim()?, r.dim()?, r.dim()?, r.dim()?)?;
    let lstm = cell == CellKind::Lstm;
    let x = r.float_array()?;
    let h0 = r.float_array()?;
    let c0 = if lstm { r.opt_float_array()? } else { skip(&mut r) };
    let (wx, wh, bx) = (r.float_array()?, r.float_array()?, r.float_array()?);
    let bh = r.opt_float_array()?;
    let lengths = r.opt_int32_array()?;
    let hs = r.float_array()?;
    let cs = if lstm { Some(r.float_array()?) } else { skip(&mut r) };
    let gates = r.float_array()?;
    let activation = r.opt_activation(HiddenActivation::parse, "'tanh' or 'relu'")?.unwrap_or_default();
    let recurrent_activation =
        r.opt_activation(GateActivation::parse, "'sigmoid' or 'hardSigmoid'")?.unwrap_or_default();
    let cell_opts = CellOpts::new(func, cell, reset_after, activation, recurrent_activation)?;
    let a = Arrays { x, h0, c0, wx, wh, bx, bh, hs, cs, gates };

    let mut floats = vec![&a.x, &a.h0, &a.wx, &a.wh, &a.bx, &a.hs, &a.gates];
    floats.extend(a.c0.iter().chain(&a.bh).chain(&a.cs));
    let dtype = common_dtype(func, &floats)?;

    s.tbx(&a.x)?;
    s.bh(&a.h0)?;
    if let Some(c0) = &a.c0 {
        s.bh(c0)?;
    }
    s.xg(&a.wx)?;
    s.hg(&a.wh)?;
    s.g(&a.bx)?;
    if let Some(bh) = &a.bh {
        s.g(bh)?;
    }
    s.tbh(&a.hs)?;
    if let Some(cs) = &a.cs {
        s.tbh(cs)?;
    }
    s.gates(&a.gates)?;
    let lengths_copy = lengths_vec(&s, lengths.as_ref())?;
    Ok(Forward { s, cell_opts, dtype, a, lengths: lengths_copy, lengths_array: lengths })
}

impl KernelCall for Forward {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        let a = &self.a;
        let mut v = vec![(&a.x, false), (&a.h0, false), (&a.wx, false), (&a.wh, false), (&a.bx, false)];
        v.extend([&a.c0, &a.bh, &self.lengths_array].into_iter().flatten().map(|r| (r, false)));
        v.extend([(&a.hs, true), (&a.gates, true)]);
        v.extend(a.cs.iter().map(|r| (r, true)));
        v
    }

    fn run(&mut self) -> JsResult<()> {
        // Every output is [T, B, ...] with H in it: nothing to write (and nothing to loop over).
        if self.s.t == 0 || self.s.b == 0 || self.s.h == 0 {
            return Ok(());
        }
        match self.dtype {
            Dtype::F64 => run::<f64>(&self.s, self.cell_opts, &mut self.a, self.lengths.as_deref()),
            Dtype::F32 => run::<f32>(&self.s, self.cell_opts, &mut self.a, self.lengths.as_deref()),
        }
    }
}

fn run<T: Element + Float>(s: &Shapes, o: CellOpts, a: &mut Arrays, lengths: Option<&[i32]>) -> JsResult<()> {
    let ([x, h0, c0, wx, wh, bx, bh], [hs, cs, gates]) = borrow::<T, 7, 3>(
        s.func,
        [Some(&a.x), Some(&a.h0), a.c0.as_ref(), Some(&a.wx), Some(&a.wh), Some(&a.bx), a.bh.as_ref()],
        [Some(&mut a.hs), a.cs.as_mut(), Some(&mut a.gates)],
    )?;
    let (x, h0, wx, wh, bx) = (x.unwrap(), h0.unwrap(), wx.unwrap(), wh.unwrap(), bx.unwrap());
    recurrent_forward(RecurrentForward {
        cell: s.cell,
        reset_after: o.reset_after,
        t: s.t,
        b: s.b,
        x_dim: s.x,
        h: s.h,
        x: x.get(),
        h0: h0.get(),
        c0: c0.as_ref().map(|v| v.get()),
        wx: wx.get(),
        wh: wh.get(),
        bx: bx.get(),
        bh: bh.as_ref().map(|v| v.get()),
        lengths,
        hs: hs.unwrap(),
        cs,
        gates: gates.unwrap(),
        activation: o.activation,
        recurrent_activation: o.recurrent_activation,
    })
    .map_err(JsError::Range)
}
