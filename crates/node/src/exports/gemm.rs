//! `gemm(args)`: C = alpha·op(A)·op(B) + beta·C with the fields of core's GemmArgs.

use crate::arrays::{borrow, common_dtype, Dtype, Element, RawArray};
use crate::fields::Fields;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;
use std::ffi::CStr;

const F: &str = "gemm";
const NAMES: &[&CStr] = &[
    c"transA", c"transB", c"m", c"n", c"k", c"alpha", c"a", c"lda", c"b", c"ldb", c"beta", c"c", c"ldc",
];

/// Minimum length of a rows×cols matrix with row stride ld (as core's checkMatrix).
fn matrix_len(name: &str, rows: usize, cols: usize, ld: usize) -> JsResult<usize> {
    if ld < cols {
        return Err(JsError::Range(format!("{F}: ld{name} must be >= {cols} (columns of {name} as stored), got {ld}")));
    }
    if rows == 0 || cols == 0 {
        return Ok(0);
    }
    (rows - 1)
        .checked_mul(ld)
        .and_then(|v| v.checked_add(cols))
        .ok_or_else(|| JsError::Range(format!("{F}: a {rows}x{cols} matrix {name} with ld{name}={ld} is too large")))
}

pub fn call(env: Env, args: &[Value]) -> JsResult<()> {
    let f = Fields::fetch(env, F, args[0], NAMES)?;
    let (trans_a, trans_b) = (f.boolean("transA")?, f.boolean("transB")?);
    let (m, n, k) = (f.dim("m")?, f.dim("n")?, f.dim("k")?);
    let (lda, ldb, ldc) = (f.dim("lda")?, f.dim("ldb")?, f.dim("ldc")?);
    let (alpha, beta) = (f.number("alpha")?, f.number("beta")?);
    let a = f.float_array("a")?;
    let b = f.float_array("b")?;
    let mut c = f.float_array("c")?;
    let dtype = common_dtype(F, &[&a, &b, &c])?;

    let (ar, ac) = if trans_a { (k, m) } else { (m, k) };
    let (br, bc) = if trans_b { (n, k) } else { (k, n) };
    a.expect_min_len(F, matrix_len("a", ar, ac, lda)?, &[ar, ac], "rows, cols of A as stored")?;
    b.expect_min_len(F, matrix_len("b", br, bc, ldb)?, &[br, bc], "rows, cols of B as stored")?;
    c.expect_min_len(F, matrix_len("c", m, n, ldc)?, &[m, n], "m, n")?;
    if m == 0 || n == 0 {
        return Ok(());
    }
    let dims = Dims { trans_a, trans_b, m, n, k, lda, ldb, ldc };
    match dtype {
        Dtype::F64 => run::<f64>(dims, alpha, beta, &a, &b, &mut c),
        Dtype::F32 => run::<f32>(dims, alpha, beta, &a, &b, &mut c),
    }
}

struct Dims {
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    lda: usize,
    ldb: usize,
    ldc: usize,
}

fn run<T: Element + Float>(d: Dims, alpha: f64, beta: f64, a: &RawArray, b: &RawArray, c: &mut RawArray) -> JsResult<()> {
    let ([a, b], [c]) = borrow::<T, 2, 1>(F, [Some(a), Some(b)], [Some(c)])?;
    let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
    recur_kernels::gemm::gemm(
        d.trans_a,
        d.trans_b,
        d.m,
        d.n,
        d.k,
        T::from_f64(alpha),
        a.get(),
        d.lda,
        b.get(),
        d.ldb,
        T::from_f64(beta),
        c,
        d.ldc,
    );
    Ok(())
}
