//! `recur_recurrent_forward_{f32,f64}` and `recur_recurrent_backward_{f32,f64}`: all T steps
//! of an RNN/LSTM/GRU layer, core's RecurrentForwardArgs / RecurrentBackwardArgs in their
//! declared order, each array as a (pointer, length) pair (pointer 0 = null / left out), the
//! two nonlinearities last as codes (`activations_of`).
//! recur-kernels checks every length and `lengths` value before any work (Err = RangeError).

use crate::error::{range, status, Fail};
use crate::memory::{opt_slice, opt_slice_mut};
use recur_kernels::float::Float;
use recur_kernels::recurrent::{
    recurrent_backward, recurrent_forward, CellKind, GateActivation, HiddenActivation, RecurrentBackward, RecurrentForward,
};

fn cell_of(code: i32) -> Result<CellKind, Fail> {
    match code {
        0 => Ok(CellKind::Rnn),
        1 => Ok(CellKind::Lstm),
        2 => Ok(CellKind::Gru),
        _ => Err(range(format!("cell must be 'rnn', 'lstm' or 'gru' (or their codes 0, 1, 2), got {code}"))),
    }
}

/// The nonlinearities from their codes: activation 0 tanh, 1 relu; recurrentActivation
/// 0 sigmoid, 1 hardSigmoid (the JS side maps the names, after checking their spelling).
fn activations_of((act, rec): (i32, i32)) -> Result<(HiddenActivation, GateActivation), Fail> {
    let act = match act {
        0 => HiddenActivation::Tanh,
        1 => HiddenActivation::Relu,
        _ => return Err(range(format!("activation code must be 0 (tanh) or 1 (relu), got {act}"))),
    };
    let rec = match rec {
        0 => GateActivation::Sigmoid,
        1 => GateActivation::HardSigmoid,
        _ => return Err(range(format!("recurrentActivation code must be 0 (sigmoid) or 1 (hardSigmoid), got {rec}"))),
    };
    Ok((act, rec))
}

/// A required array.
fn req<T>(func: &str, name: &str, s: Option<T>) -> Result<T, Fail> {
    s.ok_or_else(|| Fail(3, format!("{func}: internal: {name} is null")))
}

/// (pointer, length) of one array.
type In<F> = (*const F, usize);
type Out<F> = (*mut F, usize);

unsafe fn i<'a, F>(p: In<F>) -> Option<&'a [F]> {
    opt_slice(p.0, p.1)
}
unsafe fn o<'a, F>(p: Out<F>) -> Option<&'a mut [F]> {
    opt_slice_mut(p.0, p.1)
}

#[allow(clippy::too_many_arguments)]
unsafe fn forward<F: Float>(
    cell: i32,
    reset_after: i32,
    (t, b, x_dim, h): (usize, usize, usize, usize),
    [x, h0, c0, wx, wh, bx, bh]: [In<F>; 7],
    lengths: In<i32>,
    [hs, cs, gates]: [Out<F>; 3],
    acts: (i32, i32),
) -> Result<(), Fail> {
    const F: &str = "recurrentForward";
    let cell = cell_of(cell)?;
    let (activation, recurrent_activation) = activations_of(acts)?;
    let lstm = cell == CellKind::Lstm;
    let a = RecurrentForward {
        cell,
        reset_after: reset_after != 0,
        activation,
        recurrent_activation,
        t,
        b,
        x_dim,
        h,
        x: req(F, "x", i(x))?,
        h0: req(F, "h0", i(h0))?,
        c0: if lstm { i(c0) } else { None },
        wx: req(F, "wx", i(wx))?,
        wh: req(F, "wh", i(wh))?,
        bx: req(F, "bx", i(bx))?,
        bh: i(bh),
        lengths: i(lengths),
        hs: req(F, "hs", o(hs))?,
        cs: if lstm { o(cs) } else { None },
        gates: req(F, "gates", o(gates))?,
    };
    // Every output is [T, B, ...] with H in it: nothing to write (T may be huge when B or H is 0).
    if t == 0 || b == 0 || h == 0 {
        return Ok(());
    }
    recurrent_forward(a).map_err(range)
}

#[allow(clippy::too_many_arguments)]
unsafe fn backward<F: Float>(
    cell: i32,
    reset_after: i32,
    (t, b, x_dim, h): (usize, usize, usize, usize),
    [x, h0, c0, wx, wh, bh]: [In<F>; 6],
    lengths: In<i32>,
    [hs, cs, gates, dhs, dh_t, dc_t]: [In<F>; 6],
    [dx, dh0, dc0, dwx, dwh, dbx, dbh]: [Out<F>; 7],
    acts: (i32, i32),
) -> Result<(), Fail> {
    const F: &str = "recurrentBackward";
    let cell = cell_of(cell)?;
    let (activation, recurrent_activation) = activations_of(acts)?;
    let lstm = cell == CellKind::Lstm;
    let a = RecurrentBackward {
        cell,
        reset_after: reset_after != 0,
        activation,
        recurrent_activation,
        t,
        b,
        x_dim,
        h,
        x: req(F, "x", i(x))?,
        h0: req(F, "h0", i(h0))?,
        c0: if lstm { i(c0) } else { None },
        wx: req(F, "wx", i(wx))?,
        wh: req(F, "wh", i(wh))?,
        bh: i(bh),
        lengths: i(lengths),
        hs: req(F, "hs", i(hs))?,
        cs: if lstm { i(cs) } else { None },
        gates: req(F, "gates", i(gates))?,
        dhs: i(dhs),
        dh_t: i(dh_t),
        dc_t: if lstm { i(dc_t) } else { None },
        dx: req(F, "dx", o(dx))?,
        dh0: req(F, "dh0", o(dh0))?,
        dc0: if lstm { o(dc0) } else { None },
        dwx: req(F, "dwx", o(dwx))?,
        dwh: req(F, "dwh", o(dwh))?,
        dbx: req(F, "dbx", o(dbx))?,
        dbh: o(dbh),
    };
    // No example or no hidden unit: no gradient flows anywhere (as the native addon does;
    // the kernel would otherwise loop over T steps of nothing).
    if b == 0 || h == 0 {
        let RecurrentBackward { dx, dh0, dc0, dwx, dwh, dbx, dbh, .. } = a;
        for out in [dx, dh0, dwx, dwh, dbx].into_iter().chain(dc0).chain(dbh) {
            out.fill(F::ZERO);
        }
        return Ok(());
    }
    recurrent_backward(a).map_err(range)
}

macro_rules! recurrent_exports {
    ($fwd:ident, $bwd:ident, $t:ty) => {
        /// # Safety
        /// Each non-null (pointer, length) pair must describe valid, aligned memory, and
        /// the outputs must not overlap each other or any input.
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub unsafe extern "C" fn $fwd(
            cell: i32,
            reset_after: i32,
            t: usize,
            b: usize,
            x_dim: usize,
            h: usize,
            x: *const $t,
            x_len: usize,
            h0: *const $t,
            h0_len: usize,
            c0: *const $t,
            c0_len: usize,
            wx: *const $t,
            wx_len: usize,
            wh: *const $t,
            wh_len: usize,
            bx: *const $t,
            bx_len: usize,
            bh: *const $t,
            bh_len: usize,
            lengths: *const i32,
            lengths_len: usize,
            hs: *mut $t,
            hs_len: usize,
            cs: *mut $t,
            cs_len: usize,
            gates: *mut $t,
            gates_len: usize,
            activation: i32,
            recurrent_activation: i32,
        ) -> i32 {
            status(forward::<$t>(
                cell,
                reset_after,
                (t, b, x_dim, h),
                [(x, x_len), (h0, h0_len), (c0, c0_len), (wx, wx_len), (wh, wh_len), (bx, bx_len), (bh, bh_len)],
                (lengths, lengths_len),
                [(hs, hs_len), (cs, cs_len), (gates, gates_len)],
                (activation, recurrent_activation),
            ))
        }

        /// # Safety
        /// As the forward export.
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub unsafe extern "C" fn $bwd(
            cell: i32,
            reset_after: i32,
            t: usize,
            b: usize,
            x_dim: usize,
            h: usize,
            x: *const $t,
            x_len: usize,
            h0: *const $t,
            h0_len: usize,
            c0: *const $t,
            c0_len: usize,
            wx: *const $t,
            wx_len: usize,
            wh: *const $t,
            wh_len: usize,
            bh: *const $t,
            bh_len: usize,
            lengths: *const i32,
            lengths_len: usize,
            hs: *const $t,
            hs_len: usize,
            cs: *const $t,
            cs_len: usize,
            gates: *const $t,
            gates_len: usize,
            dhs: *const $t,
            dhs_len: usize,
            dh_t: *const $t,
            dh_t_len: usize,
            dc_t: *const $t,
            dc_t_len: usize,
            dx: *mut $t,
            dx_len: usize,
            dh0: *mut $t,
            dh0_len: usize,
            dc0: *mut $t,
            dc0_len: usize,
            dwx: *mut $t,
            dwx_len: usize,
            dwh: *mut $t,
            dwh_len: usize,
            dbx: *mut $t,
            dbx_len: usize,
            dbh: *mut $t,
            dbh_len: usize,
            activation: i32,
            recurrent_activation: i32,
        ) -> i32 {
            status(backward::<$t>(
                cell,
                reset_after,
                (t, b, x_dim, h),
                [(x, x_len), (h0, h0_len), (c0, c0_len), (wx, wx_len), (wh, wh_len), (bh, bh_len)],
                (lengths, lengths_len),
                [(hs, hs_len), (cs, cs_len), (gates, gates_len), (dhs, dhs_len), (dh_t, dh_t_len), (dc_t, dc_t_len)],
                [
                    (dx, dx_len),
                    (dh0, dh0_len),
                    (dc0, dc0_len),
                    (dwx, dwx_len),
                    (dwh, dwh_len),
                    (dbx, dbx_len),
                    (dbh, dbh_len),
                ],
                (activation, recurrent_activation),
            ))
        }
    };
}

recurrent_exports!(recur_recurrent_forward_f32, recur_recurrent_backward_f32, f32);
recurrent_exports!(recur_recurrent_forward_f64, recur_recurrent_backward_f64, f64);
