//! `info()`: { version, isa, threads } of the loaded binary: the SIMD path and the thread
//! count the kernels actually use (RECUR_ISA / RECUR_NUM_THREADS are honoured there).

use crate::napi::{Env, JsResult, Value};

pub fn call(env: Env) -> JsResult<Value> {
    let obj = env.object()?;
    env.set(obj, c"version", env.str(env!("CARGO_PKG_VERSION"))?)?;
    env.set(obj, c"isa", env.str(recur_kernels::gemm::isa().name())?)?;
    env.set(obj, c"threads", env.double(recur_kernels::gemm::num_threads() as f64)?)?;
    Ok(obj)
}
