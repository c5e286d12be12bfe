//! `gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)`:
//! C = alpha·op(A)·op(B) + beta·C, in the order of core's KERNEL_SIGNATURES
//! (packages/core-ts/src/backend/kernel-signatures.ts; a conformance test checks NAMES and the
//! reads below against it).

use super::KernelCall;
use crate::arrays::{borrow, common_dtype, Dtype, Element, RawArray};
use crate::call_args::ArgReader;
use crate::napi::{Env, JsError, JsResult, Value};
use recur_kernels::float::Float;

pub const NAMES: &[&str] = &["transA", "transB", "m", "n", "k", "alpha", "a", "lda", "b", "ldb", "beta", "c", "ldc"];
pub const ARGC: usize = 13;

/// Minimum length of a rows×cols matrix with row stride ld (as core's checkMatrix).
fn matrix_len(func: &str, name: &str, rows: usize, cols: usize, ld: usize) -> JsResult<usize> {
    if ld < cols {
        return Err(JsError::Range(format!(
            "{func}: ld{name} must be >= {cols} (columns of {name} as stored), got {ld}"
        )));
    }
    if rows == 0 || cols == 0 {
        return Ok(0);
    }
    (rows - 1)
        .checked_mul(ld)
        .and_then(|v| v.checked_add(cols))
        .ok_or_else(|| JsError::Range(format!("{func}: a {rows}x{cols} matrix {name} with ld{name}={ld} is too large")))
}

pub struct Gemm {
    func: &'static str,
    trans_a: bool,
    trans_b: bool,
    m: usize,
    n: usize,
    k: usize,
    lda: usize,
    ldb: usize,
    ldc: usize,
    alpha: f64,
    beta: f64,
    dtype: Dtype,
    a: RawArray,
    b: RawArray,
    c: RawArray,
}

/// `func` names the export in messages (e.g. gemm or gemmAsync).
pub fn prepare(env: Env, func: &'static str, argc: usize, args: &[Value]) -> JsResult<Gemm> {
    let mut r = ArgReader::new(env, func, NAMES, argc, args)?;
    let (trans_a, trans_b) = (r.boolean()?, r.boolean()?);
    let (m, n, k) = (r.dim()?, r.dim()?, r.dim()?);
    let alpha = r.number()?;
    let a = r.float_array()?;
    let lda = r.dim()?;
    let b = r.float_array()?;
    let ldb = r.dim()?;
    let beta = r.number()?;
    let c = r.float_array()?;
    let ldc = r.dim()?;
    let dtype = common_dtype(func, &[&a, &b, &c])?;

    let (ar, ac) = if trans_a { (k, m) } else { (m, k) };
    let (br, bc) = if trans_b { (n, k) } else { (k, n) };
    a.expect_min_len(func, matrix_len(func, "a", ar, ac, lda)?, &[ar, ac], "rows, cols of A as stored")?;
    b.expect_min_len(func, matrix_len(func, "b", br, bc, ldb)?, &[br, bc], "rows, cols of B as stored")?;
    c.expect_min_len(func, matrix_len(func, "c", m, n, ldc)?, &[m, n], "m, n")?;
    Ok(Gemm { func, trans_a, trans_b, m, n, k, lda, ldb, ldc, alpha, beta, dtype, a, b, c })
}

impl KernelCall for Gemm {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        vec![(&self.a, false), (&self.b, false), (&self.c, true)]
    }

    fn reads_outputs(&self) -> bool {
        true
    }

    fn run(&mut self) -> JsResult<()> {
        if self.m == 0 || self.n == 0 {
            return Ok(());
        }
        match self.dtype {
            Dtype::F64 => self.run_as::<f64>(),
            Dtype::F32 => self.run_as::<f32>(),
        }
    }
}

impl Gemm {
    fn run_as<T: Element + Float>(&mut self) -> JsResult<()> {
        let ([a, b], [c]) = borrow::<T, 2, 1>(self.func, [Some(&self.a), Some(&self.b)], [Some(&mut self.c)])?;
        let (a, b, c) = (a.unwrap(), b.unwrap(), c.unwrap());
        recur_kernels::gemm::gemm(
            self.trans_a,
            self.trans_b,
            self.m,
            self.n,
            self.k,
            T::from_f64(self.alpha),
            a.get(),
            self.lda,
            b.get(),
            self.ldb,
            T::from_f64(self.beta),
            c,
            self.ldc,
        );
        Ok(())
    }
}
