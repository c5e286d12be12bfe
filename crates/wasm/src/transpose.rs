//! `recur_transpose_f32` / `_f64`: a batch of strided 2-D transposes (core's TransposeArgs).

use crate::error::{range, status, Fail};
use crate::memory::{opt_slice, opt_slice_mut};
use recur_kernels::layout::{transpose, TransposeDims};

unsafe fn run<T: Copy>(
    d: TransposeDims,
    src: *const T,
    src_len: usize,
    dst: *mut T,
    dst_len: usize,
) -> Result<(), Fail> {
    if let Some(problem) = d.problem(src_len, dst_len) {
        return Err(range(format!("transpose: {problem}")));
    }
    let src = opt_slice(src, src_len).ok_or_else(|| Fail(3, "transpose: internal: src is null".into()))?;
    let dst = opt_slice_mut(dst, dst_len).ok_or_else(|| Fail(3, "transpose: internal: dst is null".into()))?;
    transpose(&d, src, dst);
    Ok(())
}

macro_rules! export {
    ($name:ident, $t:ty) => {
        /// # Safety
        /// `src` must be valid for `src_len` elements and `dst` for `dst_len`; they must not overlap.
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub unsafe extern "C" fn $name(
            count: usize,
            rows: usize,
            cols: usize,
            src: *const $t,
            src_len: usize,
            ld_src: usize,
            src_batch: usize,
            dst: *mut $t,
            dst_len: usize,
            ld_dst: usize,
            dst_batch: usize,
        ) -> i32 {
            let d = TransposeDims { count, rows, cols, ld_src, src_batch, ld_dst, dst_batch };
            status(run(d, src, src_len, dst, dst_len))
        }
    };
}

export!(recur_transpose_f32, f32);
export!(recur_transpose_f64, f64);
