//! Allocation in linear memory for the JS side: it allocates one region per call size
//! (reused across calls) and lays a call's arrays out in it.

use std::alloc::{alloc, dealloc, Layout};

/// Alignment of every region: enough for f64 and for 128-bit vectors.
const ALIGN: usize = 16;

/// `bytes` bytes aligned to 16, or 0 when memory cannot grow that far (or bytes is 0).
#[no_mangle]
pub extern "C" fn recur_alloc(bytes: usize) -> *mut u8 {
    match Layout::from_size_align(bytes, ALIGN) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if bytes > 0 => unsafe { alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Frees a region from `recur_alloc(bytes)`.
///
/// # Safety
/// `ptr` must come from `recur_alloc(bytes)` with the same `bytes`, freed once.
#[no_mangle]
pub unsafe extern "C" fn recur_free(ptr: *mut u8, bytes: usize) {
    if ptr.is_null() || bytes == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(bytes, ALIGN) {
        dealloc(ptr, layout);
    }
}

/// A slice from a (pointer, length) pair the JS side passed; a null pointer is None
/// (an optional argument left out). Empty slices never touch the pointer.
///
/// # Safety
/// A non-null `ptr` must be valid for `len` elements (the JS side laid them out), aligned.
pub unsafe fn opt_slice<'a, T>(ptr: *const T, len: usize) -> Option<&'a [T]> {
    if ptr.is_null() {
        None
    } else if len == 0 {
        Some(&[])
    } else {
        Some(std::slice::from_raw_parts(ptr, len))
    }
}

/// # Safety
/// As `opt_slice`, and no other live slice may overlap this one.
pub unsafe fn opt_slice_mut<'a, T>(ptr: *mut T, len: usize) -> Option<&'a mut [T]> {
    if ptr.is_null() {
        None
    } else if len == 0 {
        Some(&mut [])
    } else {
        Some(std::slice::from_raw_parts_mut(ptr, len))
    }
}
