//! `recur_activation_f32` / `_f64`: the vectorised exp / sigmoid / tanh of recur-kernels
//! applied in place (kind 0 exp, 1 sigmoid, 2 tanh), so the JS tests can measure the simd128
//! paths' error against a float64 reference. Not used by the Backend.

use recur_kernels::recurrent::activations::{apply, Activation};

fn kind(k: i32) -> Option<Activation> {
    match k {
        0 => Some(Activation::Exp),
        1 => Some(Activation::Sigmoid),
        2 => Some(Activation::Tanh),
        _ => None,
    }
}

/// # Safety
/// `data` must be valid for `len` elements.
#[no_mangle]
pub unsafe extern "C" fn recur_activation_f32(k: i32, data: *mut f32, len: usize) -> i32 {
    match (kind(k), crate::memory::opt_slice_mut(data, len)) {
        (Some(f), Some(xs)) => {
            apply(f, xs);
            0
        }
        _ => 1,
    }
}

/// # Safety
/// `data` must be valid for `len` elements.
#[no_mangle]
pub unsafe extern "C" fn recur_activation_f64(k: i32, data: *mut f64, len: usize) -> i32 {
    match (kind(k), crate::memory::opt_slice_mut(data, len)) {
        (Some(f), Some(xs)) => {
            apply(f, xs);
            0
        }
        _ => 1,
    }
}
