//! What recurrentForward and recurrentBackward share: the shape checks (each array against
//! its layout ([T, B, X], [B, H], [X, G*H], ...), with the field and both shapes in the
//! message), the copy of `lengths`, the cell's options and passing over lstm-only arguments.

use crate::arrays::{format_shape, shape_len, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{JsError, JsResult};
use recur_kernels::recurrent::{CellKind, GateActivation, HiddenActivation};

pub struct Shapes {
    pub func: &'static str,
    pub cell: CellKind,
    pub t: usize,
    pub b: usize,
    pub x: usize,
    pub h: usize,
    /// G*H: columns of wx / wh, length of the biases.
    pub gh: usize,
    /// Values per (t, b) in `gates`.
    pub store: usize,
}

impl Shapes {
    pub fn new(func: &'static str, cell: CellKind, t: usize, b: usize, x: usize, h: usize) -> JsResult<Shapes> {
        let gh = shape_len(func, "G*H", &[cell.gate_count(), h])?;
        let store = shape_len(func, "gate store width", &[cell.gate_store_width(1), h])?;
        Ok(Shapes { func, cell, t, b, x, h, gh, store })
    }
    pub fn tbx(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.t, self.b, self.x], "T, B, X")
    }
    pub fn tbh(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.t, self.b, self.h], "T, B, H")
    }
    pub fn bh(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.b, self.h], "B, H")
    }
    pub fn xg(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.x, self.gh], "X, G*H")
    }
    pub fn hg(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.h, self.gh], "H, G*H")
    }
    pub fn g(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.gh], "G*H")
    }
    pub fn gates(&self, a: &RawArray) -> JsResult<()> {
        a.expect_len(self.func, &[self.t, self.b, self.store], "T, B, gateStoreWidth(cell, H)")
    }
}

/// Passes over an lstm-only argument for another cell (it is not read).
pub fn skip(r: &mut ArgReader) -> Option<RawArray> {
    r.skip();
    None
}

/// `lengths` copied out of JS memory (B ints) and checked: length B, each value in 0..=T.
pub fn lengths_vec(s: &Shapes, lengths: Option<&RawArray>) -> JsResult<Option<Vec<i32>>> {
    let Some(raw) = lengths else { return Ok(None) };
    raw.expect_len(s.func, &[s.b], "B")?;
    let v = raw.to_vec::<i32>()?;
    if let Some((i, &len)) = v.iter().enumerate().find(|(_, &l)| l < 0 || l as usize > s.t) {
        return Err(JsError::Range(format!(
            "{}: lengths[{i}] = {len} is outside 0..={} (T); lengths has shape {}",
            s.func,
            s.t,
            format_shape(&[s.b])
        )));
    }
    Ok(Some(v))
}

/// The cell's options besides its kind: resetAfter (gru) and its nonlinearities.
#[derive(Clone, Copy)]
pub struct CellOpts {
    pub reset_after: bool,
    pub activation: HiddenActivation,
    pub recurrent_activation: GateActivation,
}

impl CellOpts {
    /// activation belongs to the rnn cell, recurrentActivation to lstm and gru: a non-default
    /// value for another cell is a mistake, refused with core's shared checks' message.
    pub fn new(
        func: &str,
        cell: CellKind,
        reset_after: bool,
        activation: HiddenActivation,
        recurrent_activation: GateActivation,
    ) -> JsResult<CellOpts> {
        let name = match cell {
            CellKind::Rnn => "rnn",
            CellKind::Lstm => "lstm",
            CellKind::Gru => "gru",
        };
        if cell != CellKind::Rnn && activation != HiddenActivation::Tanh {
            return Err(JsError::Type(format!(
                "{func}: activation 'relu' is only for the 'rnn' cell, got cell '{name}'"
            )));
        }
        if cell == CellKind::Rnn && recurrent_activation != GateActivation::Sigmoid {
            return Err(JsError::Type(format!(
                "{func}: recurrentActivation 'hardSigmoid' is only for the 'lstm' and 'gru' cells"
            )));
        }
        Ok(CellOpts { reset_after, activation, recurrent_activation })
    }
}
