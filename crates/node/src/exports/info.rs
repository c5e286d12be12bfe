//! `info()`: { version, isa, threads } of the loaded binary.

use crate::napi::{Env, JsResult, Value};

/// The widest SIMD level this CPU offers that the kernels can use.
fn isa() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return "avx512f";
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            return "avx2+fma";
        }
        "sse2"
    }
    #[cfg(target_arch = "aarch64")]
    {
        "neon"
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        "scalar"
    }
}

pub fn call(env: Env) -> JsResult<Value> {
    let obj = env.object()?;
    env.set(obj, c"version", env.str(env!("CARGO_PKG_VERSION"))?)?;
    env.set(obj, c"isa", env.str(isa())?)?;
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    env.set(obj, c"threads", env.double(threads as f64)?)?;
    Ok(obj)
}
