//! One module per JS export. Each `call` takes checked-by-nothing JS values and does all the
//! argument checking itself.

pub mod gemm;
pub mod info;
pub mod recurrent_backward;
pub mod recurrent_forward;
mod recurrent_shapes;
pub mod softmax;
