//! `recurrentForward(args)`: all T steps of an RNN/LSTM/GRU layer in one call, with the
//! fields of core's RecurrentForwardArgs. The lstm-only fields (c0, cs) are not read for
//! the other cells.

use super::recurrent_shapes::{lengths_vec, Shapes};
use crate::arrays::{borrow, common_dtype, Dtype, Element, RawArray};
use crate::fields::Fields;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;
use recur_kernels::recurrent::{recurrent_forward, CellKind, RecurrentForward};
use std::ffi::CStr;

const F: &str = "recurrentForward";
const NAMES: &[&CStr] = &[
    c"cell", c"resetAfter", c"T", c"B", c"X", c"H", c"x", c"h0", c"c0", c"wx", c"wh", c"bx", c"bh", c"lengths",
    c"hs", c"cs", c"gates",
];

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

pub fn call(env: Env, args: &[Value]) -> JsResult<()> {
    let f = Fields::fetch(env, F, args[0], NAMES)?;
    let cell = f.cell()?;
    let reset_after = f.opt_boolean("resetAfter")?;
    let s = Shapes::new(F, cell, f.dim("T")?, f.dim("B")?, f.dim("X")?, f.dim("H")?)?;
    let lstm = cell == CellKind::Lstm;
    let mut a = Arrays {
        x: f.float_array("x")?,
        h0: f.float_array("h0")?,
        c0: if lstm { f.opt_float_array("c0")? } else { None },
        wx: f.float_array("wx")?,
        wh: f.float_array("wh")?,
        bx: f.float_array("bx")?,
        bh: f.opt_float_array("bh")?,
        hs: f.float_array("hs")?,
        cs: if lstm { Some(f.float_array("cs")?) } else { None },
        gates: f.float_array("gates")?,
    };
    let lengths = f.opt_int32_array("lengths")?;

    let mut floats = vec![&a.x, &a.h0, &a.wx, &a.wh, &a.bx, &a.hs, &a.gates];
    floats.extend(a.c0.iter().chain(&a.bh).chain(&a.cs));
    let dtype = common_dtype(F, &floats)?;

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
    let lengths = lengths_vec(&s, lengths.as_ref())?;

    // Every output is [T, B, ...] with H in it: nothing to write (and nothing to loop over).
    if s.t == 0 || s.b == 0 || s.h == 0 {
        return Ok(());
    }
    match dtype {
        Dtype::F64 => run::<f64>(&s, reset_after, &mut a, lengths.as_deref()),
        Dtype::F32 => run::<f32>(&s, reset_after, &mut a, lengths.as_deref()),
    }
}

fn run<T: Element + Float>(s: &Shapes, reset_after: bool, a: &mut Arrays, lengths: Option<&[i32]>) -> JsResult<()> {
    let ([x, h0, c0, wx, wh, bx, bh], [hs, cs, gates]) = borrow::<T, 7, 3>(
        F,
        [Some(&a.x), Some(&a.h0), a.c0.as_ref(), Some(&a.wx), Some(&a.wh), Some(&a.bx), a.bh.as_ref()],
        [Some(&mut a.hs), a.cs.as_mut(), Some(&mut a.gates)],
    )?;
    let (x, h0, wx, wh, bx) = (x.unwrap(), h0.unwrap(), wx.unwrap(), wh.unwrap(), bx.unwrap());
    recurrent_forward(RecurrentForward {
        cell: s.cell,
        reset_after,
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
    })
    .map_err(JsError::Range)
}
