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
mod common;
mod gru;
mod lstm;
#[cfg(test)]
mod reference;
mod rnn;
#[cfg(test)]
mod tests;
mod validate;

pub use args::*;

use crate::float::Float;

/// Runs the forward pass of all T steps. Writes hs, cs (lstm) and the gate store.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
pub fn recurrent_forward<F: Float>(a: RecurrentForward<'_, F>) -> Result<(), String> {
    let d = validate::forward(&a)?;
    match a.cell {
        CellKind::Rnn => rnn::forward(d, a),
        CellKind::Lstm => lstm::forward(d, a),
        CellKind::Gru => gru::forward(d, a),
    }
}

/// Backpropagation through time over all T steps. Overwrites every gradient output.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
pub fn recurrent_backward<F: Float>(a: RecurrentBackward<'_, F>) -> Result<(), String> {
    let d = validate::backward(&a)?;
    match a.cell {
        CellKind::Rnn => rnn::backward(d, a),
        CellKind::Lstm => lstm::backward(d, a),
        CellKind::Gru => gru::backward(d, a),
    }
}
