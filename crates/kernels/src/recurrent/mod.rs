//! Whole-sequence recurrent kernels: one call runs all T steps of an RNN, LSTM or GRU layer
//! (forward) or backpropagates through all of them (backward), exactly as the contract in
//! packages/core-ts/src/backend/types.ts says.
//!
//! Structure (shared by the cells): the input projection x·wx of all T steps is ONE gemm,
//! written straight into the output it becomes (the gate store, or hs for the RNN); each
//! step adds one recurrent gemm h_{t-1}·wh (`step_gemm`) and runs one fused, vectorised
//! elementwise pass for the gates (`simd`, `activations`). Backward computes per-step
//! pre-activation gradients into a [T*B, G*H] buffer (only dh_{t-1} needs a per-step gemm)
//! and then gets dwx, dwh, dx with single big gemms over all steps.
//!
//! Threads: each cell (lstm.rs, gru.rs, rnn.rs: the forward and backward math side by side)
//! describes one step as phases (`driver::StepCell`), and `driver` runs the time loop on
//! threads over blocks of batch rows (`batch`) or with a team sharing each step (`team`);
//! the big gemms thread themselves, all on one persistent pool (`crate::pool`). Every
//! result is bit-identical for any thread count.
//! The scalar `reference` is the test oracle.

pub mod activations;
pub mod args;
mod batch;
mod common;
mod driver;
mod gru;
mod gru_steps;
mod lstm;
#[cfg(test)]
mod reference;
mod rnn;
mod row_stream;
mod scratch;
mod simd;
mod step_gemm;
mod team;
#[cfg(test)]
mod tests;
mod validate;

pub use args::*;

use crate::float::Float;
use crate::gemm::{isa, num_threads, Isa};
use common::Exec;

/// Runs the forward pass of all T steps. Writes hs, cs (lstm) and the gate store.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
/// Runs on the GEMM's instruction set and thread count (RECUR_ISA, RECUR_NUM_THREADS).
pub fn recurrent_forward<F: Float>(a: RecurrentForward<'_, F>) -> Result<(), String> {
    recurrent_forward_with(isa(), num_threads(), a)
}

/// Backpropagation through time over all T steps. Overwrites every gradient output.
/// Returns Err naming the argument when a slice length or a lengths value is wrong.
pub fn recurrent_backward<F: Float>(a: RecurrentBackward<'_, F>) -> Result<(), String> {
    recurrent_backward_with(isa(), num_threads(), a)
}

/// `recurrent_forward` on an explicit path and thread budget (an unsupported `isa` falls
/// back to the best supported one below it). Results do not depend on `max_threads`.
pub fn recurrent_forward_with<F: Float>(
    isa: Isa,
    max_threads: usize,
    a: RecurrentForward<'_, F>,
) -> Result<(), String> {
    let d = validate::forward(&a)?;
    let ex = Exec { isa: isa.supported_at_most(), threads: max_threads.clamp(1, crate::pool::MAX_THREADS) };
    match a.cell {
        CellKind::Rnn => rnn::forward(ex, d, a),
        CellKind::Lstm => lstm::forward(ex, d, a),
        CellKind::Gru => gru::forward(ex, d, a),
    }
}

/// `recurrent_backward` on an explicit path and thread budget.
pub fn recurrent_backward_with<F: Float>(
    isa: Isa,
    max_threads: usize,
    a: RecurrentBackward<'_, F>,
) -> Result<(), String> {
    let d = validate::backward(&a)?;
    let ex = Exec { isa: isa.supported_at_most(), threads: max_threads.clamp(1, crate::pool::MAX_THREADS) };
    match a.cell {
        CellKind::Rnn => rnn::backward(ex, d, a),
        CellKind::Lstm => lstm::backward(ex, d, a),
        CellKind::Gru => gru::backward(ex, d, a),
    }
}
