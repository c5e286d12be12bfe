//! Rust-owned copies of an async call's arrays, so the worker thread never touches
//! JavaScript memory. A napi reference keeps a typed array object alive, not its memory:
//! transferring the ArrayBuffer (structuredClone, postMessage) hands the memory to a new
//! owner that may be collected at any time, and `resize` of a resizable ArrayBuffer gives
//! memory back to the system at once. Node-API can neither pin a backing store nor make a
//! buffer untransferable, and every plain ArrayBuffer is transferable, so every array is
//! copied: inputs (and outputs the kernel also reads, such as gemm's C) into a buffer the job
//! owns before the work is queued, outputs computed into a zeroed one (kernels overwrite
//! their outputs). `async_call.rs` copies the outputs back on the JavaScript thread.
//!
//! Fresh memory is slow to touch (a page fault per 4 KiB: on the LSTM T100 B64 X256 H512
//! f32 forward, ~0.2 s of first touches against ~15 ms of copying), so the buffers of a
//! finished call are kept in a small pool and reused by the next call of the same sizes, as
//! a training loop makes; the pool holds at most POOL_MAX_BYTES, oldest dropped first.

use crate::arrays::RawArray;
use std::ptr;
use std::sync::Mutex;

/// Upper bound on the idle memory the pool keeps for reuse.
const POOL_MAX_BYTES: usize = 256 << 20;

struct Pool {
    /// Oldest first.
    free: Vec<Vec<u64>>,
    bytes: usize,
}

static POOL: Mutex<Pool> = Mutex::new(Pool { free: Vec::new(), bytes: 0 });

fn pool() -> std::sync::MutexGuard<'static, Pool> {
    // The pool stays consistent if a holder panicked (every change is one push or remove).
    POOL.lock().unwrap_or_else(|e| e.into_inner())
}

/// A buffer of exactly `len` words: a pooled one (holding stale but initialized values), or
/// a zeroed new one.
fn words(len: usize) -> Vec<u64> {
    if len > 0 {
        let mut p = pool();
        if let Some(i) = p.free.iter().rposition(|w| w.len() == len) {
            let w = p.free.remove(i);
            p.bytes -= 8 * len;
            return w;
        }
    }
    vec![0u64; len]
}

/// One array's elements, owned by the job. u64 words: aligned for f64, f32 and i32 alike.
pub struct Owned {
    words: Vec<u64>,
}

impl Owned {
    pub fn as_ptr(&self) -> *const u8 {
        self.words.as_ptr() as *const u8
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        let w = std::mem::take(&mut self.words);
        let size = 8 * w.len();
        if size == 0 || size > POOL_MAX_BYTES {
            return;
        }
        let mut p = pool();
        while p.bytes + size > POOL_MAX_BYTES {
            let oldest = p.free.remove(0);
            p.bytes -= 8 * oldest.len();
        }
        p.bytes += size;
        p.free.push(w);
    }
}

/// Moves `array` onto a buffer of its own: a copy of its elements when `copy`; else it holds
/// whatever it held (zeros, or a previous call's values) and the kernel overwrites it. Call
/// only in the callback that read `array`, while its JavaScript memory is valid (arrays.rs).
pub fn rehome(array: &RawArray, copy: bool) -> Owned {
    let bytes = array.byte_len();
    let mut words = words(bytes.div_ceil(8));
    if bytes > 0 {
        let dst = words.as_mut_ptr() as *mut u8;
        if copy {
            // SAFETY: a non-empty RawArray's data is valid for byte_len() reads in the callback
            // that read it (no JS has run since); dst is a fresh allocation of >= bytes.
            unsafe { ptr::copy_nonoverlapping(array.data(), dst, bytes) };
        }
        array.rehome(dst);
    }
    Owned { words }
}
