//! Reading the positional arguments of a call, in signature order: `ArgReader` hands out the
//! next argument decoded as a dimension, number, boolean, cell kind or typed array, named
//! after its slot in the export's signature (for the error messages).
//!
//! The JS side passes every field positionally (see packages/native/src/backend.ts): each
//! named-property read from an argument object cost 150-300 ns through Node-API, a
//! positional argument costs nothing extra and a number a few ns. Decoding runs no
//! JavaScript (no getters, no coercion), so no buffer can be detached between reading an
//! array and running the kernel.

use crate::arrays::RawArray;
use crate::napi::{js_number, Env, JsError, JsResult, Value, ValueType};
use recur_kernels::recurrent::CellKind;

/// Largest accepted dimension: 2**53 - 1 (Number.MAX_SAFE_INTEGER); products are then
/// checked for overflow, and lengths against the arrays.
const MAX_DIM: f64 = 9_007_199_254_740_991.0;

pub struct ArgReader<'a> {
    env: Env,
    func: &'static str,
    names: &'static [&'static str],
    values: &'a [Value],
    next: usize,
}

impl<'a> ArgReader<'a> {
    /// Exactly `names.len()` arguments are required: a different count means the JS side
    /// and the binary disagree on the signature (or a raw caller got it wrong).
    pub fn new(
        env: Env,
        func: &'static str,
        names: &'static [&'static str],
        argc: usize,
        values: &'a [Value],
    ) -> JsResult<Self> {
        if argc != names.len() || values.len() < names.len() {
            return Err(JsError::Type(format!(
                "{func}: expected {} arguments ({}), got {argc}",
                names.len(),
                names.join(", ")
            )));
        }
        Ok(ArgReader { env, func, names, values, next: 0 })
    }

    fn take(&mut self) -> (&'static str, Value) {
        let i = self.next;
        self.next += 1;
        (self.names[i], self.values[i])
    }

    /// Passes over an argument this call does not use (e.g. c0 for a GRU).
    pub fn skip(&mut self) {
        self.next += 1;
    }

    fn is_nullish(&self, v: Value) -> JsResult<bool> {
        Ok(matches!(self.env.type_of(v)?, ValueType::Undefined | ValueType::Null))
    }

    pub fn dim(&mut self) -> JsResult<usize> {
        let (name, v) = self.take();
        dim(self.env, self.func, name, v)
    }

    pub fn number(&mut self) -> JsResult<f64> {
        let (name, v) = self.take();
        self.env.number(v)?.ok_or_else(|| type_error(self.env, self.func, name, "a number", v))
    }

    pub fn boolean(&mut self) -> JsResult<bool> {
        let (name, v) = self.take();
        self.env.boolean(v)?.ok_or_else(|| type_error(self.env, self.func, name, "a boolean", v))
    }

    /// undefined / null -> false.
    pub fn opt_boolean(&mut self) -> JsResult<bool> {
        let (name, v) = self.take();
        match self.env.boolean(v)? {
            Some(b) => Ok(b),
            None if self.is_nullish(v)? => Ok(false),
            None => Err(type_error(self.env, self.func, name, "a boolean", v)),
        }
    }

    /// undefined / null -> None; otherwise a string that `parse` knows (a nonlinearity of
    /// the kernel interface; `expected` lists the spellings for the TypeError).
    pub fn opt_activation<T>(&mut self, parse: fn(&str) -> Option<T>, expected: &str) -> JsResult<Option<T>> {
        let (name, v) = self.take();
        if self.is_nullish(v)? {
            return Ok(None);
        }
        match self.env.string(v, 32)? {
            Some(s) => match parse(&s) {
                Some(act) => Ok(Some(act)),
                None => Err(JsError::Type(format!("{}: {name} must be {expected}, got '{s}'", self.func))),
            },
            None => Err(type_error(self.env, self.func, name, expected, v)),
        }
    }

    /// 0 / 1 / 2 (what the backend passes: no string decoding on the hot path) or
    /// 'rnn' / 'lstm' / 'gru'.
    pub fn cell(&mut self) -> JsResult<CellKind> {
        let (name, v) = self.take();
        let (env, func) = (self.env, self.func);
        if let Some(code) = env.number(v)? {
            return [CellKind::Rnn, CellKind::Lstm, CellKind::Gru]
                .into_iter()
                .zip([0.0, 1.0, 2.0])
                .find(|&(_, c)| c == code)
                .map(|(kind, _)| kind)
                .ok_or_else(|| {
                    JsError::Range(format!(
                        "{func}: {name} must be 'rnn', 'lstm' or 'gru' (or their codes 0, 1, 2), got {}",
                        js_number(code)
                    ))
                });
        }
        match env.string(v, 16)?.as_deref() {
            Some("rnn") => Ok(CellKind::Rnn),
            Some("lstm") => Ok(CellKind::Lstm),
            Some("gru") => Ok(CellKind::Gru),
            Some(other) => Err(JsError::Range(format!("{func}: {name} must be 'rnn', 'lstm' or 'gru', got '{other}'"))),
            None => Err(type_error(env, func, name, "'rnn', 'lstm' or 'gru'", v)),
        }
    }

    pub fn float_array(&mut self) -> JsResult<RawArray> {
        let (name, v) = self.take();
        RawArray::float(self.env, self.func, name, v)
    }

    /// undefined / null -> None.
    pub fn opt_float_array(&mut self) -> JsResult<Option<RawArray>> {
        let (name, v) = self.take();
        let info = self.env.typed_array(v)?;
        if info.is_none() && self.is_nullish(v)? {
            return Ok(None);
        }
        RawArray::float_from(self.env, self.func, name, v, info).map(Some)
    }

    /// undefined / null -> None.
    pub fn opt_int32_array(&mut self) -> JsResult<Option<RawArray>> {
        let (name, v) = self.take();
        let info = self.env.typed_array(v)?;
        if info.is_none() && self.is_nullish(v)? {
            return Ok(None);
        }
        RawArray::int32_from(self.env, self.func, name, v, info).map(Some)
    }
}

fn type_error(env: Env, func: &str, name: &str, expected: &str, v: Value) -> JsError {
    match env.describe(v) {
        Ok(got) => JsError::Type(format!("{func}: {name} must be {expected}, got {got}")),
        Err(e) => e,
    }
}

/// A dimension: a number that is a non-negative integer (TypeError if not a number,
/// RangeError if NaN, negative, fractional or above 2**53 - 1).
pub fn dim(env: Env, func: &str, name: &str, v: Value) -> JsResult<usize> {
    let Some(x) = env.number(v)? else {
        return Err(type_error(env, func, name, "a non-negative integer", v));
    };
    if !((0.0..=MAX_DIM).contains(&x) && x == x.trunc()) {
        return Err(JsError::Range(format!("{func}: {name} must be a non-negative integer, got {}", js_number(x))));
    }
    usize::try_from(x as u64)
        .map_err(|_| JsError::Range(format!("{func}: {name} = {} is too large for this platform", js_number(x))))
}
