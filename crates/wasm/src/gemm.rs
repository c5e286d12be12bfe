//! `recur_gemm_f32` / `recur_gemm_f64`: C = alpha·op(A)·op(B) + beta·C (core's GemmArgs in
//! their declared order, each array as a pointer and a length).

use crate::error::{range, status, Fail};
use crate::memory::{opt_slice, opt_slice_mut};
use recur_kernels::float::Float;

/// Minimum length of a rows×cols matrix with row stride ld (as the native addon checks).
fn matrix_len(name: &str, rows: usize, cols: usize, ld: usize) -> Result<usize, Fail> {
    if ld < cols {
        return Err(range(format!("gemm: ld{name} must be >= {cols} (columns of {name} as stored), got {ld}")));
    }
    if rows == 0 || cols == 0 {
        return Ok(0);
    }
    (rows - 1)
        .checked_mul(ld)
        .and_then(|v| v.checked_add(cols))
        .ok_or_else(|| range(format!("gemm: a {rows}x{cols} matrix {name} with ld{name}={ld} is too large")))
}

fn at_least(name: &str, len: usize, need: usize) -> Result<(), Fail> {
    if len < need {
        return Err(range(format!("gemm: {name} must have at least {need} elements, got {len}")));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
unsafe fn gemm<F: Float>(
    trans_a: bool,
    trans_b: bool,
    (m, n, k): (usize, usize, usize),
    alpha: f64,
    (a, a_len, lda): (*const F, usize, usize),
    (b, b_len, ldb): (*const F, usize, usize),
    beta: f64,
    (c, c_len, ldc): (*mut F, usize, usize),
) -> Result<(), Fail> {
    let (ar, ac) = if trans_a { (k, m) } else { (m, k) };
    let (br, bc) = if trans_b { (n, k) } else { (k, n) };
    at_least("a", a_len, matrix_len("a", ar, ac, lda)?)?;
    at_least("b", b_len, matrix_len("b", br, bc, ldb)?)?;
    at_least("c", c_len, matrix_len("c", m, n, ldc)?)?;
    let missing = || Fail(3, "gemm: internal: an array pointer is null".into());
    let a = opt_slice(a, a_len).ok_or_else(missing)?;
    let b = opt_slice(b, b_len).ok_or_else(missing)?;
    let c = opt_slice_mut(c, c_len).ok_or_else(missing)?;
    if m == 0 || n == 0 {
        return Ok(());
    }
    let (alpha, beta) = (F::from_f64(alpha), F::from_f64(beta));
    recur_kernels::gemm::gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    Ok(())
}

macro_rules! gemm_export {
    ($name:ident, $t:ty) => {
        /// # Safety
        /// Each (pointer, length) pair must describe valid, aligned memory; c must not
        /// overlap a or b.
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub unsafe extern "C" fn $name(
            trans_a: i32,
            trans_b: i32,
            m: usize,
            n: usize,
            k: usize,
            alpha: f64,
            a: *const $t,
            a_len: usize,
            lda: usize,
            b: *const $t,
            b_len: usize,
            ldb: usize,
            beta: f64,
            c: *mut $t,
            c_len: usize,
            ldc: usize,
        ) -> i32 {
            status(gemm::<$t>(
                trans_a != 0,
                trans_b != 0,
                (m, n, k),
                alpha,
                (a, a_len, lda),
                (b, b_len, ldb),
                beta,
                (c, c_len, ldc),
            ))
        }
    };
}

gemm_export!(recur_gemm_f32, f32);
gemm_export!(recur_gemm_f64, f64);
