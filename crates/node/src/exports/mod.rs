//! One module per JS export. Each `prepare` takes the call's positional JS values, checks
//! every one of them and returns a `KernelCall`: the checked arrays and sizes, ready to run
//! on the JavaScript thread (the sync export) or on a libuv worker (the async one).

pub mod gemm;
pub mod info;
pub mod recurrent_backward;
pub mod recurrent_forward;
mod recurrent_shapes;
pub mod softmax;
pub mod transpose;

use crate::arrays::RawArray;
use crate::napi::JsResult;

/// A fully checked call.
pub trait KernelCall {
    /// Every array the call touches, and whether it writes it.
    fn arrays(&self) -> Vec<(&RawArray, bool)>;
    /// True when the kernel also reads what its outputs held (gemm's beta·C), so an async
    /// call must copy them in; false when it overwrites every output element.
    fn reads_outputs(&self) -> bool {
        false
    }
    /// Runs the kernel. Touches only the memory `arrays` lists.
    fn run(&mut self) -> JsResult<()>;
}
