//! A per-thread buffer kept between calls: the backward pass's big [T, B, G*H] gradient
//! buffer. A fresh allocation that size comes straight
//! from the OS, and first-touching it page by page cost about 5% of an LSTM
//! forward+backward at T=100, B=64, H=512. The buffer of the last call is kept (one per
//! element type and thread: the largest a thread needed, 56 MB for that LSTM in f32) and
//! freed with the thread.

use crate::float::Float;
use core::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static KEPT: RefCell<HashMap<TypeId, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// Runs `f` on a buffer of `len` elements whose contents are unspecified (callers write
/// every element they read). Re-entrant: a nested call gets a buffer of its own.
pub(crate) fn with_buffer<F: Float, R>(len: usize, f: impl FnOnce(&mut [F]) -> R) -> R {
    let key = TypeId::of::<F>();
    let kept = KEPT.with(|k| k.borrow_mut().remove(&key)).and_then(|b| b.downcast::<Vec<F>>().ok());
    let mut buf = kept.map_or_else(Vec::new, |b| *b);
    if buf.len() < len {
        buf = Vec::new(); // free the old one first: never hold both
        buf.resize(len, F::ZERO);
    }
    let out = f(&mut buf[..len]);
    KEPT.with(|k| k.borrow_mut().insert(key, Box::new(buf)));
    out
}
