//! Arguments of the whole-sequence recurrent kernels. They mirror `RecurrentForwardArgs` and
//! `RecurrentBackwardArgs` in packages/core-ts/src/backend/types.ts field for field (read
//! the comments there for the semantics): time-major x [T, B, X], hidden [T, B, H],
//! stacked gate weights wx [X, G*H], wh [H, G*H], biases [G*H]; LSTM gates i,f,g,o; GRU r,z,n.

use crate::float::Float;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Rnn,
    Lstm,
    Gru,
}

impl CellKind {
    pub fn gate_count(self) -> usize {
        match self {
            CellKind::Rnn => 1,
            CellKind::Lstm => 4,
            CellKind::Gru => 3,
        }
    }
    /// Values stored per (t, b) in `gates` for the backward pass (see types.ts).
    pub fn gate_store_width(self, h: usize) -> usize {
        match self {
            CellKind::Rnn => 0,
            CellKind::Lstm | CellKind::Gru => 4 * h,
        }
    }
}

/// The nonlinearity of the simple RNN's hidden state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HiddenActivation {
    #[default]
    Tanh,
    /// max(0, x) (PyTorch `nn.RNN(nonlinearity='relu')`, Keras `SimpleRNN(activation='relu')`).
    Relu,
}

/// The nonlinearity of the LSTM's i, f, o and the GRU's r, z gates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GateActivation {
    #[default]
    Sigmoid,
    /// max(0, min(1, 0.2·x + 0.5)): TF.js's `hardSigmoid` and Keras 2's `hard_sigmoid`
    /// (the default `recurrent_activation` of Keras 2 / TF.js LSTM and GRU layers).
    HardSigmoid,
}

impl HiddenActivation {
    /// The names of the kernel interface ('tanh', 'relu').
    pub fn parse(s: &str) -> Option<HiddenActivation> {
        match s {
            "tanh" => Some(HiddenActivation::Tanh),
            "relu" => Some(HiddenActivation::Relu),
            _ => None,
        }
    }
}

impl GateActivation {
    /// The names of the kernel interface ('sigmoid', 'hardSigmoid').
    pub fn parse(s: &str) -> Option<GateActivation> {
        match s {
            "sigmoid" => Some(GateActivation::Sigmoid),
            "hardSigmoid" => Some(GateActivation::HardSigmoid),
            _ => None,
        }
    }
}

/// `activation` applies to the rnn cell only, `recurrent_activation` to lstm and gru only;
/// the kernels ignore the other one, and the bindings refuse a non-default value for a cell
/// it does not belong to (crates/node's `CellOpts::new`; for wasm, @recur/core's shared checks).
pub struct RecurrentForward<'a, F: Float> {
    pub cell: CellKind,
    pub reset_after: bool,
    pub t: usize,
    pub b: usize,
    pub x_dim: usize,
    pub h: usize,
    pub x: &'a [F],
    pub h0: &'a [F],
    pub c0: Option<&'a [F]>,
    pub wx: &'a [F],
    pub wh: &'a [F],
    pub bx: &'a [F],
    pub bh: Option<&'a [F]>,
    pub lengths: Option<&'a [i32]>,
    pub hs: &'a mut [F],
    pub cs: Option<&'a mut [F]>,
    pub gates: &'a mut [F],
    pub activation: HiddenActivation,
    pub recurrent_activation: GateActivation,
}

pub struct RecurrentBackward<'a, F: Float> {
    pub cell: CellKind,
    pub reset_after: bool,
    pub t: usize,
    pub b: usize,
    pub x_dim: usize,
    pub h: usize,
    pub x: &'a [F],
    pub h0: &'a [F],
    pub c0: Option<&'a [F]>,
    pub wx: &'a [F],
    pub wh: &'a [F],
    pub bh: Option<&'a [F]>,
    pub lengths: Option<&'a [i32]>,
    pub hs: &'a [F],
    pub cs: Option<&'a [F]>,
    pub gates: &'a [F],
    pub dhs: Option<&'a [F]>,
    pub dh_t: Option<&'a [F]>,
    pub dc_t: Option<&'a [F]>,
    pub dx: &'a mut [F],
    pub dh0: &'a mut [F],
    pub dc0: Option<&'a mut [F]>,
    pub dwx: &'a mut [F],
    pub dwh: &'a mut [F],
    pub dbx: &'a mut [F],
    pub dbh: Option<&'a mut [F]>,
    pub activation: HiddenActivation,
    pub recurrent_activation: GateActivation,
}
