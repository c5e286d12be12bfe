//! Typed-array arguments: check kind and length, then turn them into Rust slices without
//! ever creating `&` and `&mut` to overlapping memory. Outputs must be pairwise disjoint
//! (else RangeError); an input that overlaps an output is copied first.
//!
//! Soundness rests on these facts: a `RawArray` is built from `napi_get_typedarray_info`
//! inside the running callback; no JavaScript runs between reading the arrays and the end of
//! a synchronous kernel (arguments are positional and decoding runs no JS — see
//! `call_args.rs`); views of a SharedArrayBuffer are refused (another thread could write
//! them meanwhile); typed arrays are aligned to their element size (checked anyway). An
//! async call never lets its worker near JavaScript memory: `owned.rs` moves each array
//! onto a Rust-owned copy (`rehome`) before the work is queued.

use crate::napi::{ArrayKind, Env, JsError, JsResult, TypedArrayInfo, Value};
use std::cell::Cell;
use std::marker::PhantomData;

pub struct RawArray {
    pub name: &'static str,
    pub kind: ArrayKind,
    len: usize,
    /// The elements: JavaScript memory, or (async calls) a Rust-owned copy after `rehome`.
    /// A Cell so the checked call, which hands out `&RawArray`s, can be moved onto the copy.
    data: Cell<*mut u8>,
    detached: bool,
    /// The JS typed array (a handle of the current callback: use it only there).
    source: Value,
}

/// Element types a slice can be made of.
pub trait Element: Copy + Default + 'static {
    const KIND: ArrayKind;
}
impl Element for f32 {
    const KIND: ArrayKind = ArrayKind::Float32;
}
impl Element for f64 {
    const KIND: ArrayKind = ArrayKind::Float64;
}
impl Element for i32 {
    const KIND: ArrayKind = ArrayKind::Int32;
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dtype {
    F32,
    F64,
}

/// Formats a shape like NumPy / core's formatShape: (4, 10, 4), (5,), ().
pub fn format_shape(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

impl RawArray {
    /// Reads `value` as a float typed array (Float32Array or Float64Array).
    pub fn float(env: Env, func: &str, name: &'static str, value: Value) -> JsResult<RawArray> {
        let info = env.typed_array(value)?;
        Self::float_from(env, func, name, value, info)
    }

    /// As `float`, from an already read `env.typed_array(value)`.
    pub fn float_from(
        env: Env,
        func: &str,
        name: &'static str,
        value: Value,
        info: Option<TypedArrayInfo>,
    ) -> JsResult<RawArray> {
        match info {
            Some(info) if matches!(info.kind, ArrayKind::Float32 | ArrayKind::Float64) => {
                Self::from_info(func, name, value, info)
            }
            _ => Err(JsError::Type(format!(
                "{func}: {name} must be a Float64Array or Float32Array, got {}",
                env.describe(value)?
            ))),
        }
    }

    /// Reads `value` as an Int32Array, from an already read `env.typed_array(value)`.
    pub fn int32_from(
        env: Env,
        func: &str,
        name: &'static str,
        value: Value,
        info: Option<TypedArrayInfo>,
    ) -> JsResult<RawArray> {
        match info {
            Some(info) if info.kind == ArrayKind::Int32 => Self::from_info(func, name, value, info),
            _ => Err(JsError::Type(format!("{func}: {name} must be an Int32Array, got {}", env.describe(value)?))),
        }
    }

    fn from_info(func: &str, name: &'static str, source: Value, info: TypedArrayInfo) -> JsResult<RawArray> {
        if info.shared {
            return Err(JsError::Type(format!(
                "{func}: {name} is a view of a SharedArrayBuffer, which another thread may write while the \
                 kernel reads it (a data race); copy it into a {} over a plain ArrayBuffer",
                info.kind.js_name()
            )));
        }
        Ok(RawArray {
            name,
            kind: info.kind,
            len: info.len,
            data: Cell::new(info.data),
            detached: info.detached,
            source,
        })
    }

    pub fn source(&self) -> Value {
        self.source
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn byte_len(&self) -> usize {
        self.len * self.kind.element_size()
    }

    /// Where the elements are now (JS memory, or the copy after `rehome`); NULL if empty.
    pub fn data(&self) -> *mut u8 {
        self.data.get()
    }

    /// From now on the elements are read and written at `data`, which must be valid for
    /// `byte_len()` bytes, aligned to 8, and outlive every use of this array (see owned.rs).
    pub fn rehome(&self, data: *mut u8) {
        self.data.set(data);
    }

    pub fn dtype(&self) -> Dtype {
        if self.kind == ArrayKind::Float32 {
            Dtype::F32
        } else {
            Dtype::F64
        }
    }

    /// `shape` and `labels` (e.g. "T, B, X") describe the expected layout in the message.
    pub fn expect_len(&self, func: &str, shape: &[usize], labels: &str) -> JsResult<()> {
        let expected = shape_len(func, self.name, shape)?;
        self.check_len(func, expected, self.len == expected, shape, labels, "")
    }

    /// For strided matrices: at least `expected` elements.
    pub fn expect_min_len(&self, func: &str, expected: usize, shape: &[usize], labels: &str) -> JsResult<()> {
        self.check_len(func, expected, self.len >= expected, shape, labels, "at least ")
    }

    fn check_len(
        &self,
        func: &str,
        expected: usize,
        ok: bool,
        shape: &[usize],
        labels: &str,
        qual: &str,
    ) -> JsResult<()> {
        if self.detached && expected > 0 {
            return Err(JsError::Type(format!(
                "{func}: {}'s ArrayBuffer is detached (transferred); expected {qual}{expected} elements",
                self.name
            )));
        }
        if ok {
            return Ok(());
        }
        Err(JsError::Range(format!(
            "{func}: {} must have {qual}{expected} elements for shape {} [{labels}], got {}",
            self.name,
            format_shape(shape),
            self.len
        )))
    }

    /// Byte range [start, end) in memory; None when empty (an empty array overlaps nothing).
    pub fn span(&self) -> Option<(usize, usize)> {
        let data = self.data.get();
        if self.len == 0 || data.is_null() {
            return None;
        }
        let start = data as usize;
        Some((start, start + self.len * self.kind.element_size()))
    }

    pub(crate) fn overlaps(&self, other: &RawArray) -> bool {
        match (self.span(), other.span()) {
            (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
            _ => false,
        }
    }

    /// Pointer usable for a slice of `T` of `self.len` elements (dangling-but-aligned if empty).
    fn ptr<T: Element>(&self) -> JsResult<*mut T> {
        if self.kind != T::KIND {
            return Err(JsError::Error(format!(
                "internal: {} is {} but was read as {}",
                self.name,
                self.kind.js_name(),
                T::KIND.js_name()
            )));
        }
        if self.len == 0 {
            return Ok(std::ptr::NonNull::<T>::dangling().as_ptr());
        }
        let data = self.data.get();
        if data.is_null() {
            return Err(JsError::Type(format!("{}: has {} elements but no data (detached?)", self.name, self.len)));
        }
        if !(data as usize).is_multiple_of(std::mem::align_of::<T>()) {
            return Err(JsError::Error(format!("internal: {} is not aligned", self.name)));
        }
        Ok(data as *mut T)
    }

    /// A copy of the contents (used for small index arrays such as `lengths`).
    pub fn to_vec<T: Element>(&self) -> JsResult<Vec<T>> {
        let p = self.ptr::<T>()?;
        // SAFETY: p is valid for self.len reads of T (see module comment); we only read.
        Ok(unsafe { std::slice::from_raw_parts(p, self.len) }.to_vec())
    }
}

/// Product of dims, RangeError if it overflows.
pub fn shape_len(func: &str, name: &str, shape: &[usize]) -> JsResult<usize> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or_else(|| {
        JsError::Range(format!(
            "{func}: {name} of shape {} has more elements than memory can hold",
            format_shape(shape)
        ))
    })
}

/// All float arrays of one call must share one dtype; the first one decides.
pub fn common_dtype(func: &str, arrays: &[&RawArray]) -> JsResult<Dtype> {
    let first = arrays[0];
    for a in &arrays[1..] {
        if a.kind != first.kind {
            return Err(JsError::Type(format!(
                "{func}: {} is a {} but {} is a {}: all float arrays of one call must be Float64Array, or all Float32Array",
                a.name,
                a.kind.js_name(),
                first.name,
                first.kind.js_name()
            )));
        }
    }
    Ok(first.dtype())
}

/// An input slice: borrowed from JS memory, or a private copy when it overlapped an output.
pub enum Input<'a, T> {
    Borrowed(&'a [T]),
    Owned(Vec<T>, PhantomData<&'a ()>),
}

impl<T> Input<'_, T> {
    pub fn get(&self) -> &[T] {
        match self {
            Input::Borrowed(s) => s,
            Input::Owned(v, _) => v,
        }
    }
}

/// RangeError naming both when two outputs share memory (the kernel would race with itself).
pub fn check_disjoint_outputs(func: &str, outs: &[&RawArray]) -> JsResult<()> {
    for (i, a) in outs.iter().enumerate() {
        for b in &outs[i + 1..] {
            if a.overlaps(b) {
                return Err(JsError::Range(format!(
                    "{func}: outputs {} and {} overlap in memory; pass separate arrays",
                    a.name, b.name
                )));
            }
        }
    }
    Ok(())
}

/// Turns checked arrays into slices. Outputs must not overlap each other (RangeError naming
/// both); an input overlapping any output is copied before any `&mut` exists.
#[allow(clippy::type_complexity)]
pub fn borrow<'a, T: Element, const I: usize, const O: usize>(
    func: &str,
    inputs: [Option<&'a RawArray>; I],
    outputs: [Option<&'a mut RawArray>; O],
) -> JsResult<([Option<Input<'a, T>>; I], [Option<&'a mut [T]>; O])> {
    let outs: Vec<&RawArray> = outputs.iter().flatten().map(|o| &**o).collect();
    check_disjoint_outputs(func, &outs)?;
    let mut ins: [Option<Input<'a, T>>; I] = std::array::from_fn(|_| None);
    for (slot, raw) in ins.iter_mut().zip(inputs) {
        let Some(raw) = raw else { continue };
        let p = raw.ptr::<T>()?;
        // SAFETY: p is valid for raw.len reads of T; no &mut slice exists yet.
        let view: &'a [T] = unsafe { std::slice::from_raw_parts(p, raw.len) };
        *slot = Some(if outs.iter().any(|o| raw.overlaps(o)) {
            Input::Owned(view.to_vec(), PhantomData)
        } else {
            Input::Borrowed(view)
        });
    }
    let mut result: [Option<&'a mut [T]>; O] = std::array::from_fn(|_| None);
    for (slot, raw) in result.iter_mut().zip(outputs) {
        let Some(raw) = raw else { continue };
        let p = raw.ptr::<T>()?;
        // SAFETY: p is valid for raw.len reads and writes of T; outputs are pairwise disjoint
        // and no borrowed input overlaps an output (those were copied above).
        *slot = Some(unsafe { std::slice::from_raw_parts_mut(p, raw.len) });
    }
    Ok((ins, result))
}
