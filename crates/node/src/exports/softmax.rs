//! `softmaxRows(data, rows, cols)`: in place, each row becomes softmax(row).

use crate::arrays::{borrow, Dtype, Element, RawArray};
use crate::fields::dim;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;

const F: &str = "softmaxRows";

pub fn call(env: Env, argc: usize, args: &[Value]) -> JsResult<()> {
    if argc < 3 {
        return Err(JsError::Type(format!("{F}: expected 3 arguments (data, rows, cols), got {argc}")));
    }
    let mut data = RawArray::float(env, F, "data", args[0])?;
    let rows = dim(env, F, "rows", args[1])?;
    let cols = dim(env, F, "cols", args[2])?;
    let total = rows
        .checked_mul(cols)
        .ok_or_else(|| JsError::Range(format!("{F}: rows*cols ({rows}*{cols}) is too large")))?;
    data.expect_min_len(F, total, &[rows, cols], "rows, cols")?;
    if total == 0 {
        return Ok(());
    }
    match data.dtype() {
        Dtype::F64 => run::<f64>(&mut data, rows, cols),
        Dtype::F32 => run::<f32>(&mut data, rows, cols),
    }
}

fn run<T: Element + Float>(data: &mut RawArray, rows: usize, cols: usize) -> JsResult<()> {
    let ([], [data]) = borrow::<T, 0, 1>(F, [], [Some(data)])?;
    recur_kernels::softmax::softmax_rows(data.unwrap(), rows, cols);
    Ok(())
}
