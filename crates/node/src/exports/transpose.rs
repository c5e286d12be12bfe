//! `transpose(count, rows, cols, src, ldSrc, srcBatch, dst, ldDst, dstBatch)`: a batch of
//! strided 2-D transposes, the fields of core's TransposeArgs in their declared order.

use super::KernelCall;
use crate::arrays::{borrow, common_dtype, Dtype, Element, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::layout::{transpose, TransposeDims};

pub const NAMES: &[&str] = &["count", "rows", "cols", "src", "ldSrc", "srcBatch", "dst", "ldDst", "dstBatch"];
pub const ARGC: usize = 9;

pub struct Transpose {
    func: &'static str,
    dims: TransposeDims,
    dtype: Dtype,
    src: RawArray,
    dst: RawArray,
}

/// `func` names the export in messages.
pub fn prepare(env: Env, func: &'static str, argc: usize, args: &[Value]) -> JsResult<Transpose> {
    let mut r = ArgReader::new(env, func, NAMES, argc, args)?;
    let (count, rows, cols) = (r.dim()?, r.dim()?, r.dim()?);
    let src = r.float_array()?;
    let (ld_src, src_batch) = (r.dim()?, r.dim()?);
    let dst = r.float_array()?;
    let (ld_dst, dst_batch) = (r.dim()?, r.dim()?);
    let dtype = common_dtype(func, &[&src, &dst])?;
    let dims = TransposeDims { count, rows, cols, ld_src, src_batch, ld_dst, dst_batch };
    if let Some(problem) = dims.stride_problem() {
        return Err(JsError::Range(format!("{func}: {problem}")));
    }
    let too_large =
        || JsError::Range(format!("{func}: {count} blocks of {rows}x{cols} with these strides are too large"));
    let (src_len, dst_len) = (dims.src_len().ok_or_else(too_large)?, dims.dst_len().ok_or_else(too_large)?);
    src.expect_min_len(func, src_len, &[count, rows, cols], "count, rows, cols")?;
    dst.expect_min_len(func, dst_len, &[count, cols, rows], "count, cols, rows")?;
    if src.overlaps(&dst) {
        return Err(JsError::Range(format!("{func}: src and dst overlap")));
    }
    Ok(Transpose { func, dims, dtype, src, dst })
}

impl KernelCall for Transpose {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        vec![(&self.src, false), (&self.dst, true)]
    }

    fn run(&mut self) -> JsResult<()> {
        match self.dtype {
            Dtype::F64 => self.run_as::<f64>(),
            Dtype::F32 => self.run_as::<f32>(),
        }
    }
}

impl Transpose {
    fn run_as<T: Element>(&mut self) -> JsResult<()> {
        let ([src], [dst]) = borrow::<T, 1, 1>(self.func, [Some(&self.src)], [Some(&mut self.dst)])?;
        transpose(&self.dims, src.unwrap().get(), dst.unwrap());
        Ok(())
    }
}
