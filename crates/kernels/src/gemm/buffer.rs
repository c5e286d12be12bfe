//! Cache-line aligned scratch memory for packed panels, recycled through a small global
//! pool: a GEMM called once per time step must not pay allocation and page faults for its
//! packing buffers on every call, and `std::thread::scope` workers have no lasting
//! thread-locals to keep them in.

use crate::int::IntRound;
use std::sync::Mutex;

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

fn lines_for<T>(len: usize) -> usize {
    (len * std::mem::size_of::<T>()).ceil_div(64).max(1)
}

/// Buffers kept for reuse; more than this many idle buffers are freed.
const POOL_KEEP: usize = 8;

static POOL: Mutex<Vec<Vec<Line>>> = Mutex::new(Vec::new());

/// A zero-initialised-on-first-use, 64-byte aligned buffer of at least `len` elements of `T`.
/// Contents are unspecified on reuse: callers write before they read.
pub(crate) struct Scratch {
    lines: Vec<Line>,
}

impl Scratch {
    pub(crate) fn new<T: Copy>(len: usize) -> Scratch {
        let need = lines_for::<T>(len);
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        // Best fit among the kept buffers, so a small request does not take a huge one.
        let pick =
            pool.iter().enumerate().filter(|(_, v)| v.len() >= need).min_by_key(|(_, v)| v.len()).map(|(i, _)| i);
        let lines = match pick {
            Some(i) => pool.swap_remove(i),
            None => {
                drop(pool);
                vec![Line([0; 64]); need]
            }
        };
        Scratch { lines }
    }

    pub(crate) fn as_mut_ptr<T: Copy>(&mut self) -> *mut T {
        self.lines.as_mut_ptr() as *mut T
    }

    pub(crate) fn as_ptr<T: Copy>(&self) -> *const T {
        self.lines.as_ptr() as *const T
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let lines = std::mem::take(&mut self.lines);
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < POOL_KEEP {
            pool.push(lines);
        } else if let Some(smallest) = pool.iter_mut().min_by_key(|v| v.len()) {
            // Keep the larger buffer: big GEMMs are the ones that pay for re-allocation.
            if smallest.len() < lines.len() {
                *smallest = lines;
            }
        }
    }
}
