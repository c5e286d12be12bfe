//! recur's kernels as a WebAssembly module: a thin `extern "C"` binding over recur-kernels,
//! built for wasm32-unknown-unknown (+simd128) by Debian's Rust 1.63 (see
//! scripts/build-wasm.sh). The JS side (packages/wasm) copies a call's arrays into one
//! region of linear memory it got from `recur_alloc`, calls one export per kernel, and
//! copies the outputs back.
//!
//! Protocol: every kernel export returns a status (0 ok, 1 RangeError, 2 TypeError,
//! 3 Error) and leaves the message in a buffer (`recur_error_ptr` / `recur_error_len`).
//! The JS side checks every argument first (the same checks and messages as the native
//! addon); the checks here are the second line, so bad input never reaches a kernel
//! and never panics. The release profile aborts on panic (a trap): the JS side then
//! replaces the instance, so a trap never leaves the backend unusable.

mod activations;
mod error;
mod gemm;
mod memory;
mod peak;
mod recurrent;
mod softmax;
mod transpose;

/// 1 when this module was built with the simd128 target feature, else 0.
#[no_mangle]
pub extern "C" fn recur_simd128() -> i32 {
    i32::from(cfg!(target_feature = "simd128"))
}

/// The package version this module was built for (`RECUR_WASM_VERSION` at build time).
const VERSION: &str = match option_env!("RECUR_WASM_VERSION") {
    Some(v) => v,
    None => env!("CARGO_PKG_VERSION"),
};

#[no_mangle]
pub extern "C" fn recur_version_ptr() -> *const u8 {
    VERSION.as_ptr()
}

#[no_mangle]
pub extern "C" fn recur_version_len() -> usize {
    VERSION.len()
}

/// Panics on purpose (a trap in the release build): proves the JS side survives a trap.
#[no_mangle]
pub extern "C" fn recur_trap_for_test() {
    panic!("deliberate panic from recur_trap_for_test");
}
