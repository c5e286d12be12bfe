//! `softmaxRows(data, rows, cols)`: in place, each row becomes softmax(row).

use super::KernelCall;
use crate::arrays::{borrow, Dtype, Element, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;

pub const NAMES: &[&str] = &["data", "rows", "cols"];
pub const ARGC: usize = 3;

pub struct SoftmaxRows {
    func: &'static str,
    data: RawArray,
    rows: usize,
    cols: usize,
}

/// `func` names the export in messages (e.g. gemm or gemmAsync).
pub fn prepare(env: Env, func: &'static str, argc: usize, args: &[Value]) -> JsResult<SoftmaxRows> {
    let mut r = ArgReader::new(env, func, NAMES, argc, args)?;
    let data = r.float_array()?;
    let (rows, cols) = (r.dim()?, r.dim()?);
    let total = rows
        .checked_mul(cols)
        .ok_or_else(|| JsError::Range(format!("{func}: rows*cols ({rows}*{cols}) is too large")))?;
    data.expect_min_len(func, total, &[rows, cols], "rows, cols")?;
    Ok(SoftmaxRows { func, data, rows, cols })
}

impl KernelCall for SoftmaxRows {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        vec![(&self.data, true)]
    }

    fn run(&mut self) -> JsResult<()> {
        if self.rows == 0 || self.cols == 0 {
            return Ok(());
        }
        match self.data.dtype() {
            Dtype::F64 => self.run_as::<f64>(),
            Dtype::F32 => self.run_as::<f32>(),
        }
    }
}

impl SoftmaxRows {
    fn run_as<T: Element + Float>(&mut self) -> JsResult<()> {
        let ([], [data]) = borrow::<T, 0, 1>(self.func, [], [Some(&mut self.data)])?;
        recur_kernels::softmax::softmax_rows(data.unwrap(), self.rows, self.cols);
        Ok(())
    }
}
