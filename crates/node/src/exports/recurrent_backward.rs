//! `recurrentBackward(cell, resetAfter, T, B, X, H, x, h0, c0, wx, wh, bh, lengths, hs, cs,
//! gates, dhs, dhT, dcT, dx, dh0, dc0, dwx, dwh, dbx, dbh, activation, recurrentActivation)`: backpropagation through all T
//! steps in one call, in the order of core's
//! KERNEL_SIGNATURES (packages/core-ts/src/backend/kernel-signatures.ts; a conformance test
//! checks NAMES and the reads below against it).
//! The lstm-only arguments (c0, cs, dcT, dc0) are not read for rnn / gru.

use super::recurrent_shapes::{lengths_vec, skip, CellOpts, Shapes};
use super::KernelCall;
use crate::arrays::{borrow, common_dtype, Dtype, Element, Input, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;
use recur_kernels::recurrent::{recurrent_backward, CellKind, GateActivation, HiddenActivation, RecurrentBackward};

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
    "bh",
    "lengths",
    "hs",
    "cs",
    "gates",
    "dhs",
    "dhT",
    "dcT",
    "dx",
    "dh0",
    "dc0",
    "dwx",
    "dwh",
    "dbx",
    "dbh",
    "activation",
    "recurrentActivation",
];
pub const ARGC: usize = 28;

struct Arrays {
    x: RawArray,
    h0: RawArray,
    c0: Option<RawArray>,
    wx: RawArray,
    wh: RawArray,
    bh: Option<RawArray>,
    hs: RawArray,
    cs: Option<RawArray>,
    gates: RawArray,
    dhs: Option<RawArray>,
    dh_t: Option<RawArray>,
    dc_t: Option<RawArray>,
    dx: RawArray,
    dh0: RawArray,
    dc0: Option<RawArray>,
    dwx: RawArray,
    dwh: RawArray,
    dbx: RawArray,
    dbh: Option<RawArray>,
}

pub struct Backward {
    s: Shapes,
    cell_opts: CellOpts,
    dtype: Dtype,
    a: Arrays,
    lengths: Option<Vec<i32>>,
    lengths_array: Option<RawArray>,
}

/// `func` names the export in messages (e.g. gemm or gemmAsync).
pub fn prepare(env: Env, func: &'static str, argc: usize, args: &[Value]) -> JsResult<Backward> {
    let mut r = ArgReader::new(env, func, NAMES, argc, args)?;
    let cell = r.cell()?;
    let reset_after = r.opt_boolean()?;
    let s = Shapes::new(func, cell, r.dim()?, r.dim()?, r.dim()?, r.dim()?)?;
    let lstm = cell == CellKind::Lstm;
    // The lstm-only optional arrays; for other cells the argument is passed over unread.
    let lstm_opt = |r: &mut ArgReader| if lstm { r.opt_float_array() } else { Ok(skip(r)) };
    let x = r.float_array()?;
    let h0 = r.float_array()?;
    let c0 = lstm_opt(&mut r)?;
    let (wx, wh) = (r.float_array()?, r.float_array()?);
    let bh = r.opt_float_array()?;
    let lengths = r.opt_int32_array()?;
    let hs = r.float_array()?;
    let cs = if lstm { Some(r.float_array()?) } else { skip(&mut r) };
    let gates = r.float_array()?;
    let (dhs, dh_t) = (r.opt_float_array()?, r.opt_float_array()?);
    let dc_t = lstm_opt(&mut r)?;
    let (dx, dh0) = (r.float_array()?, r.float_array()?);
    let dc0 = lstm_opt(&mut r)?;
    let (dwx, dwh, dbx) = (r.float_array()?, r.float_array()?, r.float_array()?);
    let dbh = r.opt_float_array()?;
    let activation = r.opt_activation(HiddenActivation::parse, "'tanh' or 'relu'")?.unwrap_or_default();
    let recurrent_activation =
        r.opt_activation(GateActivation::parse, "'sigmoid' or 'hardSigmoid'")?.unwrap_or_default();
    let cell_opts = CellOpts::new(func, cell, reset_after, activation, recurrent_activation)?;
    let a = Arrays { x, h0, c0, wx, wh, bh, hs, cs, gates, dhs, dh_t, dc_t, dx, dh0, dc0, dwx, dwh, dbx, dbh };

    let mut floats = vec![&a.x, &a.h0, &a.wx, &a.wh, &a.hs, &a.gates, &a.dx, &a.dh0, &a.dwx, &a.dwh, &a.dbx];
    floats.extend(a.c0.iter().chain(&a.bh).chain(&a.cs).chain(&a.dhs).chain(&a.dh_t));
    floats.extend(a.dc_t.iter().chain(&a.dc0).chain(&a.dbh));
    let dtype = common_dtype(func, &floats)?;

    s.tbx(&a.x)?;
    s.bh(&a.h0)?;
    s.xg(&a.wx)?;
    s.hg(&a.wh)?;
    s.tbh(&a.hs)?;
    s.gates(&a.gates)?;
    s.tbx(&a.dx)?;
    s.bh(&a.dh0)?;
    s.xg(&a.dwx)?;
    s.hg(&a.dwh)?;
    s.g(&a.dbx)?;
    for bh_shaped in [&a.c0, &a.dh_t, &a.dc_t, &a.dc0].into_iter().flatten() {
        s.bh(bh_shaped)?;
    }
    for tbh_shaped in [&a.cs, &a.dhs].into_iter().flatten() {
        s.tbh(tbh_shaped)?;
    }
    for g_shaped in [&a.bh, &a.dbh].into_iter().flatten() {
        s.g(g_shaped)?;
    }
    let lengths_copy = lengths_vec(&s, lengths.as_ref())?;
    Ok(Backward { s, cell_opts, dtype, a, lengths: lengths_copy, lengths_array: lengths })
}

impl KernelCall for Backward {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        let a = &self.a;
        let mut v =
            vec![(&a.x, false), (&a.h0, false), (&a.wx, false), (&a.wh, false), (&a.hs, false), (&a.gates, false)];
        let optional_inputs = [&a.c0, &a.bh, &self.lengths_array, &a.cs, &a.dhs, &a.dh_t, &a.dc_t];
        v.extend(optional_inputs.into_iter().flatten().map(|r| (r, false)));
        v.extend([(&a.dx, true), (&a.dh0, true), (&a.dwx, true), (&a.dwh, true), (&a.dbx, true)]);
        v.extend([&a.dc0, &a.dbh].into_iter().flatten().map(|r| (r, true)));
        v
    }

    fn run(&mut self) -> JsResult<()> {
        match self.dtype {
            Dtype::F64 => run::<f64>(&self.s, self.cell_opts, &mut self.a, self.lengths.as_deref()),
            Dtype::F32 => run::<f32>(&self.s, self.cell_opts, &mut self.a, self.lengths.as_deref()),
        }
    }
}

fn get<'s, T>(input: &'s Option<Input<'_, T>>) -> Option<&'s [T]> {
    input.as_ref().map(Input::get)
}

fn run<T: Element + Float>(s: &Shapes, o: CellOpts, a: &mut Arrays, lengths: Option<&[i32]>) -> JsResult<()> {
    let ([x, h0, c0, wx, wh, bh, hs, cs, gates, dhs, dh_t, dc_t], [dx, dh0, dc0, dwx, dwh, dbx, dbh]) =
        borrow::<T, 12, 7>(
            s.func,
            [
                Some(&a.x),
                Some(&a.h0),
                a.c0.as_ref(),
                Some(&a.wx),
                Some(&a.wh),
                a.bh.as_ref(),
                Some(&a.hs),
                a.cs.as_ref(),
                Some(&a.gates),
                a.dhs.as_ref(),
                a.dh_t.as_ref(),
                a.dc_t.as_ref(),
            ],
            [
                Some(&mut a.dx),
                Some(&mut a.dh0),
                a.dc0.as_mut(),
                Some(&mut a.dwx),
                Some(&mut a.dwh),
                Some(&mut a.dbx),
                a.dbh.as_mut(),
            ],
        )?;
    let (dx, dh0, dwx, dwh, dbx) = (dx.unwrap(), dh0.unwrap(), dwx.unwrap(), dwh.unwrap(), dbx.unwrap());
    // No example or no hidden unit: no gradient flows anywhere. Written here because the
    // kernel would otherwise loop over T steps of nothing (T may be huge when B or H is 0).
    if s.b == 0 || s.h == 0 {
        for out in [dx, dh0, dwx, dwh, dbx].into_iter().chain(dc0).chain(dbh) {
            out.fill(T::ZERO);
        }
        return Ok(());
    }
    recurrent_backward(RecurrentBackward {
        cell: s.cell,
        reset_after: o.reset_after,
        t: s.t,
        b: s.b,
        x_dim: s.x,
        h: s.h,
        x: get(&x).unwrap_or(&[]),
        h0: get(&h0).unwrap_or(&[]),
        c0: get(&c0),
        wx: get(&wx).unwrap_or(&[]),
        wh: get(&wh).unwrap_or(&[]),
        bh: get(&bh),
        lengths,
        hs: get(&hs).unwrap_or(&[]),
        cs: get(&cs),
        gates: get(&gates).unwrap_or(&[]),
        dhs: get(&dhs),
        dh_t: get(&dh_t),
        dc_t: get(&dc_t),
        dx,
        dh0,
        dc0,
        dwx,
        dwh,
        dbx,
        dbh,
        activation: o.activation,
        recurrent_activation: o.recurrent_activation,
    })
    .map_err(JsError::Range)
}
