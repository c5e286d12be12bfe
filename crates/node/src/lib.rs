//! Node-API binding for recur-kernels, written by hand (no `napi` crate: crates.io is not
//! reachable). `napi_sys` declares the C functions, `napi` wraps them safely, `arrays` and
//! `fields` read and check arguments, `exports/*` implement the JS functions:
//! gemm(args), softmaxRows(data, rows, cols), recurrentForward(args),
//! recurrentBackward(args), info(), and __panicForTest() (proves a panic becomes an Error).
//!
//! Every callback runs under `catch_unwind`: a Rust panic becomes a JS Error and never
//! unwinds into Node (which would abort the process).

mod arrays;
mod exports;
mod fields;
mod napi;
mod napi_sys;

use napi::{Env, JsError, JsResult, Value};
use napi_sys::{napi_callback_info, napi_env, napi_value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// Runs `body` for the callback `name`: panics become JS Errors, errors become throws,
/// `Ok(None)` returns undefined.
fn run_callback<const N: usize>(
    env: napi_env,
    info: napi_callback_info,
    name: &str,
    body: impl FnOnce(Env, usize, &[Value; N]) -> JsResult<Option<Value>>,
) -> napi_value {
    // SAFETY: `env` is the environment Node passed to this callback.
    let env = unsafe { Env::from_raw(env) };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (argc, args) = env.args::<N>(info)?;
        match body(env, argc, &args)? {
            Some(v) => Ok(v),
            None => env.undefined(),
        }
    }));
    match outcome {
        Ok(Ok(v)) => v.raw(),
        Ok(Err(e)) => {
            env.throw(e);
            std::ptr::null_mut()
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            env.throw(JsError::Error(format!("{name}: internal error in the native kernel (Rust panic): {msg}")));
            std::ptr::null_mut()
        }
    }
}

fn need_args(name: &str, argc: usize, want: usize, what: &str) -> JsResult<()> {
    if argc < want {
        return Err(JsError::Type(format!("{name}: expected {what}, got {argc} arguments")));
    }
    Ok(())
}

unsafe extern "C" fn gemm(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<1>(env, info, "gemm", |env, argc, args| {
        need_args("gemm", argc, 1, "an argument object")?;
        exports::gemm::call(env, args).map(|_| None)
    })
}

unsafe extern "C" fn softmax_rows(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<3>(env, info, "softmaxRows", |env, argc, args| {
        exports::softmax::call(env, argc, args).map(|_| None)
    })
}

unsafe extern "C" fn recurrent_forward(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<1>(env, info, "recurrentForward", |env, argc, args| {
        need_args("recurrentForward", argc, 1, "an argument object")?;
        exports::recurrent_forward::call(env, args).map(|_| None)
    })
}

unsafe extern "C" fn recurrent_backward(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<1>(env, info, "recurrentBackward", |env, argc, args| {
        need_args("recurrentBackward", argc, 1, "an argument object")?;
        exports::recurrent_backward::call(env, args).map(|_| None)
    })
}

unsafe extern "C" fn info(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<0>(env, info, "info", |env, _, _| exports::info::call(env).map(Some))
}

unsafe extern "C" fn panic_for_test(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<0>(env, info, "__panicForTest", |_, _, _| panic!("deliberate panic from __panicForTest"))
}

/// The default hook prints every panic to stderr; ours are reported as JS Errors instead.
fn silence_panic_output() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

/// Module entry point Node looks up in a Node-API addon.
///
/// # Safety
/// Called by Node with a valid env and the exports object.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(env: napi_env, exports: napi_value) -> napi_value {
    silence_panic_output();
    let env_w = Env::from_raw(env);
    let obj = Value::from_raw(exports);
    let outcome = catch_unwind(AssertUnwindSafe(|| -> JsResult<()> {
        env_w.export_function(obj, c"gemm", gemm)?;
        env_w.export_function(obj, c"softmaxRows", softmax_rows)?;
        env_w.export_function(obj, c"recurrentForward", recurrent_forward)?;
        env_w.export_function(obj, c"recurrentBackward", recurrent_backward)?;
        env_w.export_function(obj, c"info", info)?;
        env_w.export_function(obj, c"__panicForTest", panic_for_test)?;
        Ok(())
    }));
    match outcome {
        Ok(Ok(())) => exports,
        Ok(Err(e)) => {
            env_w.throw(e);
            std::ptr::null_mut()
        }
        Err(_) => {
            env_w.throw(JsError::Error("recur native addon: registration panicked".into()));
            std::ptr::null_mut()
        }
    }
}

/// The Node-API version this addon needs (Node calls this before registering).
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    napi_sys::NAPI_VERSION
}
