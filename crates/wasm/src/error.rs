//! Status codes (0 ok, 1 RangeError, 3 Error) and the message of the last failed call, read by the JS side.

use std::cell::RefCell;

pub const OK: i32 = 0;
pub const RANGE: i32 = 1;

thread_local! {
    static MESSAGE: RefCell<Vec<u8>> = RefCell::new(Vec::new());
}

/// A failed check: the JS error class (status) and the message.
pub struct Fail(pub i32, pub String);

pub fn range(msg: String) -> Fail {
    Fail(RANGE, msg)
}

/// Turns a call's outcome into its status, keeping the message for `recur_error_ptr`.
pub fn status(outcome: Result<(), Fail>) -> i32 {
    match outcome {
        Ok(()) => OK,
        Err(Fail(code, msg)) => {
            MESSAGE.with(|m| *m.borrow_mut() = msg.into_bytes());
            code
        }
    }
}

/// UTF-8 bytes of the last message (valid until the next failing call).
#[no_mangle]
pub extern "C" fn recur_error_ptr() -> *const u8 {
    MESSAGE.with(|m| m.borrow().as_ptr())
}

#[no_mangle]
pub extern "C" fn recur_error_len() -> usize {
    MESSAGE.with(|m| m.borrow().len())
}
