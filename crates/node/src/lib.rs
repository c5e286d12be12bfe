//! Node-API binding for recur-kernels, written by hand (no `napi` crate: crates.io is not
//! reachable). `napi_sys` declares the C functions, `napi` and `napi_async` wrap them,
//! `call_args` and `arrays` read and check arguments, `exports/*` check one export's
//! arguments each and run its kernel, `async_call` runs a checked call on the libuv thread
//! pool behind a promise on Rust-owned copies of its arrays (`owned`), and `in_flight` stops
//! calls from racing with pending async ones.
//!
//! JS functions (arguments positional, in the field order of core's backend/types.ts; the
//! JS side in packages/native/src/backend.ts maps the Backend's argument objects to them):
//! gemm(...13), gemmAsync(...13), transpose(...9), softmaxRows(data, rows, cols), recurrentForward(...17),
//! recurrentForwardAsync(...17), recurrentBackward(...26), recurrentBackwardAsync(...26),
//! info(), __panicForTest() and __panicForTestAsync() (prove a panic becomes an Error).
//!
//! Every callback runs under `catch_unwind`: a Rust panic becomes a JS Error and never
//! unwinds into Node (which would abort the process).

mod arrays;
mod async_call;
mod call_args;
mod exports;
mod in_flight;
mod napi;
mod napi_async;
mod napi_sys;
mod owned;

use exports::{gemm, recurrent_backward as backward, recurrent_forward as forward, softmax, transpose, KernelCall};
use napi::{Env, JsError, JsResult, Value};
use napi_sys::{napi_callback_info, napi_env, napi_value};
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// The text of a panic payload (a &str or String message; anything else is "unknown").
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs `body` for the callback `name`: panics become JS Errors, errors become throws,
/// `Ok(None)` returns undefined (a NULL result: Node-API makes it undefined, one call less).
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
        body(env, argc, &args)
    }));
    match outcome {
        Ok(Ok(Some(v))) => v.raw(),
        Ok(Ok(None)) => std::ptr::null_mut(),
        Ok(Err(e)) => {
            env.throw(e);
            std::ptr::null_mut()
        }
        Err(payload) => {
            let msg = panic_message(&*payload);
            env.throw(JsError::Error(format!("{name}: internal error in the native kernel (Rust panic): {msg}")));
            std::ptr::null_mut()
        }
    }
}

/// A synchronous export: check, make sure no pending async call races with it, run.
fn run_now(func: &str, mut call: impl KernelCall) -> JsResult<Option<Value>> {
    if in_flight::any_pending() {
        in_flight::check(func, &call.arrays())?;
    }
    call.run().map(|_| None)
}

fn boxed<C: KernelCall + 'static>(call: C) -> Box<dyn KernelCall> {
    Box::new(call)
}

unsafe extern "C" fn gemm_sync(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "gemm";
    run_callback::<{ gemm::ARGC }>(env, info, F, |env, argc, args| run_now(F, gemm::prepare(env, F, argc, args)?))
}

unsafe extern "C" fn gemm_async(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "gemmAsync";
    run_callback::<{ gemm::ARGC }>(env, info, F, |env, argc, args| {
        async_call::queue(env, F, gemm::prepare(env, F, argc, args).map(boxed)).map(Some)
    })
}

unsafe extern "C" fn transpose_sync(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "transpose";
    run_callback::<{ transpose::ARGC }>(env, info, F, |env, argc, args| {
        run_now(F, transpose::prepare(env, F, argc, args)?)
    })
}

unsafe extern "C" fn softmax_rows(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "softmaxRows";
    run_callback::<{ softmax::ARGC }>(env, info, F, |env, argc, args| run_now(F, softmax::prepare(env, F, argc, args)?))
}

unsafe extern "C" fn recurrent_forward(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "recurrentForward";
    run_callback::<{ forward::ARGC }>(env, info, F, |env, argc, args| run_now(F, forward::prepare(env, F, argc, args)?))
}

unsafe extern "C" fn recurrent_forward_async(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "recurrentForwardAsync";
    run_callback::<{ forward::ARGC }>(env, info, F, |env, argc, args| {
        async_call::queue(env, F, forward::prepare(env, F, argc, args).map(boxed)).map(Some)
    })
}

unsafe extern "C" fn recurrent_backward(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "recurrentBackward";
    run_callback::<{ backward::ARGC }>(env, info, F, |env, argc, args| {
        run_now(F, backward::prepare(env, F, argc, args)?)
    })
}

unsafe extern "C" fn recurrent_backward_async(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "recurrentBackwardAsync";
    run_callback::<{ backward::ARGC }>(env, info, F, |env, argc, args| {
        async_call::queue(env, F, backward::prepare(env, F, argc, args).map(boxed)).map(Some)
    })
}

unsafe extern "C" fn info(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<0>(env, info, "info", |env, _, _| exports::info::call(env).map(Some))
}

unsafe extern "C" fn panic_for_test(env: napi_env, info: napi_callback_info) -> napi_value {
    run_callback::<0>(env, info, "__panicForTest", |_, _, _| panic!("deliberate panic from __panicForTest"))
}

unsafe extern "C" fn panic_for_test_async(env: napi_env, info: napi_callback_info) -> napi_value {
    const F: &str = "__panicForTestAsync";
    run_callback::<0>(env, info, F, |env, _, _| async_call::queue(env, F, Ok(boxed(async_call::PanicCall))).map(Some))
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
        env_w.export_function(obj, c"gemm", gemm_sync)?;
        env_w.export_function(obj, c"gemmAsync", gemm_async)?;
        env_w.export_function(obj, c"transpose", transpose_sync)?;
        env_w.export_function(obj, c"softmaxRows", softmax_rows)?;
        env_w.export_function(obj, c"recurrentForward", recurrent_forward)?;
        env_w.export_function(obj, c"recurrentForwardAsync", recurrent_forward_async)?;
        env_w.export_function(obj, c"recurrentBackward", recurrent_backward)?;
        env_w.export_function(obj, c"recurrentBackwardAsync", recurrent_backward_async)?;
        env_w.export_function(obj, c"info", info)?;
        env_w.export_function(obj, c"__panicForTest", panic_for_test)?;
        env_w.export_function(obj, c"__panicForTestAsync", panic_for_test_async)?;
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
