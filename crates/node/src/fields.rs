//! Reading an argument object (`{ T, B, X, H, cell, x, ... }`). All properties are fetched
//! first, in one pass, because a getter or Proxy trap may run JavaScript (which could detach
//! a buffer we already hold a pointer into). Only afterwards are the values decoded, and
//! decoding runs no JavaScript.

use crate::arrays::RawArray;
use crate::napi::{js_number, Env, JsError, JsResult, Value, ValueType};
use recur_kernels::recurrent::CellKind;
use std::ffi::CStr;

/// Largest accepted dimension: 2**53 - 1 (Number.MAX_SAFE_INTEGER); products are then
/// checked for overflow, and lengths against the arrays.
const MAX_DIM: f64 = 9_007_199_254_740_991.0;

pub struct Fields {
    env: Env,
    func: &'static str,
    names: &'static [&'static CStr],
    values: Vec<Value>,
}

impl Fields {
    /// Checks that `obj` is an object and reads `obj[name]` for every name.
    pub fn fetch(env: Env, func: &'static str, obj: Value, names: &'static [&'static CStr]) -> JsResult<Fields> {
        if env.type_of(obj)? != ValueType::Object {
            return Err(JsError::Type(format!("{func}: expected an argument object, got {}", env.describe(obj)?)));
        }
        let values = names.iter().map(|n| env.get(obj, n)).collect::<JsResult<Vec<_>>>()?;
        Ok(Fields { env, func, names, values })
    }

    fn value(&self, name: &'static str) -> Value {
        let i = self.names.iter().position(|n| n.to_bytes() == name.as_bytes());
        // A name missing from the fetch list is a programming error in this crate.
        self.values[i.unwrap_or_else(|| panic!("field {name} was not fetched"))]
    }

    fn is_nullish(&self, v: Value) -> JsResult<bool> {
        Ok(matches!(self.env.type_of(v)?, ValueType::Undefined | ValueType::Null))
    }

    pub fn dim(&self, name: &'static str) -> JsResult<usize> {
        dim(self.env, self.func, name, self.value(name))
    }

    pub fn number(&self, name: &'static str) -> JsResult<f64> {
        let v = self.value(name);
        self.env.number(v)?.ok_or_else(|| {
            type_error(self.env, self.func, name, "a number", v)
        })
    }

    pub fn boolean(&self, name: &'static str) -> JsResult<bool> {
        let v = self.value(name);
        match self.env.boolean(v)? {
            Some(b) => Ok(b),
            None => Err(type_error(self.env, self.func, name, "a boolean", v)),
        }
    }

    /// undefined / null -> false.
    pub fn opt_boolean(&self, name: &'static str) -> JsResult<bool> {
        let v = self.value(name);
        match self.env.boolean(v)? {
            Some(b) => Ok(b),
            None if self.is_nullish(v)? => Ok(false),
            None => Err(type_error(self.env, self.func, name, "a boolean", v)),
        }
    }

    pub fn cell(&self) -> JsResult<CellKind> {
        let v = self.value("cell");
        match self.env.string(v, 16)?.as_deref() {
            Some("rnn") => Ok(CellKind::Rnn),
            Some("lstm") => Ok(CellKind::Lstm),
            Some("gru") => Ok(CellKind::Gru),
            Some(other) => Err(JsError::Range(format!(
                "{}: cell must be 'rnn', 'lstm' or 'gru', got '{other}'",
                self.func
            ))),
            None => Err(type_error(self.env, self.func, "cell", "'rnn', 'lstm' or 'gru'", v)),
        }
    }

    pub fn float_array(&self, name: &'static str) -> JsResult<RawArray> {
        RawArray::float(self.env, self.func, name, self.value(name))
    }

    /// undefined / null -> None.
    pub fn opt_float_array(&self, name: &'static str) -> JsResult<Option<RawArray>> {
        let v = self.value(name);
        let info = self.env.typed_array(v)?;
        if info.is_none() && self.is_nullish(v)? {
            return Ok(None);
        }
        RawArray::float_from(self.env, self.func, name, v, info).map(Some)
    }

    /// undefined / null -> None.
    pub fn opt_int32_array(&self, name: &'static str) -> JsResult<Option<RawArray>> {
        let v = self.value(name);
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
        return Err(JsError::Range(format!(
            "{func}: {name} must be a non-negative integer, got {}",
            js_number(x)
        )));
    }
    usize::try_from(x as u64)
        .map_err(|_| JsError::Range(format!("{func}: {name} = {} is too large for this platform", js_number(x))))
}
