//! `recur_softmax_rows_f32` / `_f64`: in place, each of `rows` rows of `cols` becomes softmax(row).

use crate::error::{range, status, Fail};
use crate::memory::opt_slice_mut;
use recur_kernels::float::Float;

unsafe fn softmax<F: Float>(data: *mut F, len: usize, rows: usize, cols: usize) -> Result<(), Fail> {
    let total =
        rows.checked_mul(cols).ok_or_else(|| range(format!("softmaxRows: rows*cols ({rows}*{cols}) is too large")))?;
    if len < total {
        return Err(range(format!("softmaxRows: data must have at least {total} elements, got {len}")));
    }
    let data = opt_slice_mut(data, len).ok_or_else(|| Fail(3, "softmaxRows: internal: data is null".into()))?;
    recur_kernels::softmax::softmax_rows(data, rows, cols);
    Ok(())
}

/// # Safety
/// `data` must be valid for `len` elements.
#[no_mangle]
pub unsafe extern "C" fn recur_softmax_rows_f32(data: *mut f32, len: usize, rows: usize, cols: usize) -> i32 {
    status(softmax(data, len, rows, cols))
}

/// # Safety
/// `data` must be valid for `len` elements.
#[no_mangle]
pub unsafe extern "C" fn recur_softmax_rows_f64(data: *mut f64, len: usize, rows: usize, cols: usize) -> i32 {
    status(softmax(data, len, rows, cols))
}
