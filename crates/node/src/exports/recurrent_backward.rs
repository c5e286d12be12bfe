//! `recurrentBackward(args)`: backpropagation through all T steps in one call, with the
//! fields of core's RecurrentBackwardArgs. The lstm-only fields (c0, cs, dcT, dc0) are not
//! read for the other cells.

use super::recurrent_shapes::{lengths_vec, Shapes};
use crate::arrays::{borrow, common_dtype, Dtype, Element, Input, RawArray};
use crate::fields::Fields;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;
use recur_kernels::recurrent::{recurrent_backward, CellKind, RecurrentBackward};
use std::ffi::CStr;

const F: &str = "recurrentBackward";
const NAMES: &[&CStr] = &[
    c"cell", c"resetAfter", c"T", c"B", c"X", c"H", c"x", c"h0", c"c0", c"wx", c"wh", c"bh", c"lengths", c"hs",
    c"cs", c"gates", c"dhs", c"dhT", c"dcT", c"dx", c"dh0", c"dc0", c"dwx", c"dwh", c"dbx", c"dbh",
];

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

pub fn call(env: Env, args: &[Value]) -> JsResult<()> {
    let f = Fields::fetch(env, F, args[0], NAMES)?;
    let cell = f.cell()?;
    let reset_after = f.opt_boolean("resetAfter")?;
    let s = Shapes::new(F, cell, f.dim("T")?, f.dim("B")?, f.dim("X")?, f.dim("H")?)?;
    let lstm = cell == CellKind::Lstm;
    let lstm_opt = |name| if lstm { f.opt_float_array(name) } else { Ok(None) };
    let mut a = Arrays {
        x: f.float_array("x")?,
        h0: f.float_array("h0")?,
        c0: lstm_opt("c0")?,
        wx: f.float_array("wx")?,
        wh: f.float_array("wh")?,
        bh: f.opt_float_array("bh")?,
        hs: f.float_array("hs")?,
        cs: if lstm { Some(f.float_array("cs")?) } else { None },
        gates: f.float_array("gates")?,
        dhs: f.opt_float_array("dhs")?,
        dh_t: f.opt_float_array("dhT")?,
        dc_t: lstm_opt("dcT")?,
        dx: f.float_array("dx")?,
        dh0: f.float_array("dh0")?,
        dc0: lstm_opt("dc0")?,
        dwx: f.float_array("dwx")?,
        dwh: f.float_array("dwh")?,
        dbx: f.float_array("dbx")?,
        dbh: f.opt_float_array("dbh")?,
    };
    let lengths = f.opt_int32_array("lengths")?;

    let mut floats = vec![&a.x, &a.h0, &a.wx, &a.wh, &a.hs, &a.gates, &a.dx, &a.dh0, &a.dwx, &a.dwh, &a.dbx];
    floats.extend(a.c0.iter().chain(&a.bh).chain(&a.cs).chain(&a.dhs).chain(&a.dh_t));
    floats.extend(a.dc_t.iter().chain(&a.dc0).chain(&a.dbh));
    let dtype = common_dtype(F, &floats)?;

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
    let lengths = lengths_vec(&s, lengths.as_ref())?;

    match dtype {
        Dtype::F64 => run::<f64>(&s, reset_after, &mut a, lengths.as_deref()),
        Dtype::F32 => run::<f32>(&s, reset_after, &mut a, lengths.as_deref()),
    }
}

fn get<'s, T>(input: &'s Option<Input<'_, T>>) -> Option<&'s [T]> {
    input.as_ref().map(Input::get)
}

fn run<T: Element + Float>(s: &Shapes, reset_after: bool, a: &mut Arrays, lengths: Option<&[i32]>) -> JsResult<()> {
    let ([x, h0, c0, wx, wh, bh, hs, cs, gates, dhs, dh_t, dc_t], [dx, dh0, dc0, dwx, dwh, dbx, dbh]) =
        borrow::<T, 12, 7>(
            F,
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
        reset_after,
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
    })
    .map_err(JsError::Range)
}
