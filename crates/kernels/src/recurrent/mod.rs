//! Whole-sequence recurrent kernels: one call runs all T steps of an RNN, LSTM or GRU layer
//! (forward) or backpropagates through all of them (backward), exactly as the contract in
//! packages/core-ts/src/backend/types.ts says.
//!
//! Structure (shared by the cells): the input projection x·wx of all T steps is ONE gemm into
//! a [T*B, G*H] buffer; each step adds one recurrent gemm h_{t-1}·wh and runs one fused
//! elementwise pass for the gates. Backward computes per-step pre-activation gradients into
//! a [T*B, G*H] buffer (only dh_{t-1} needs a per-step gemm) and then gets dwx, dwh, dx with
//! single big gemms over all steps.

pub mod activations;
pub mod args;
mod validate;

pub use args::*;

use crate::float::Float;

/// Runs the forward pass of all T steps. Writes hs, cs (lstm) and the gate store.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
pub fn recurrent_forward<F: Float>(a: RecurrentForward<'_, F>) -> Result<(), String> {
    let _d = validate::forward(&a)?;
    // Bodies land in the next commit; the signatures are fixed for the Node binding.
    Err(format!("recurrent forward: {:?} cell not implemented yet", a.cell))
}

/// Backpropagation through time over all T steps. Overwrites every gradient output.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
pub fn recurrent_backward<F: Float>(a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let _d = validate::backward(&a)?;
    // Bodies land in the next commit; the signatures are fixed for the Node binding.
    Err(format!("recurrent backward: {:?} cell not implemented yet", a.cell))
}
