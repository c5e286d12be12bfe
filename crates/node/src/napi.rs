//! Thin safe wrapper over `napi_sys`: read arguments, numbers, booleans, strings and typed
//! arrays; create objects, functions and error values; throw errors. Every failing Node-API
//! call becomes a `JsError`; `JsError::Pending` means JavaScript already has an exception in
//! flight and we must not throw another one.

use crate::napi_sys as sys;
use std::ffi::{c_char, CStr, CString};
use std::ptr;

pub enum JsError {
    Type(String),
    Range(String),
    Error(String),
    Pending,
}

pub type JsResult<T> = Result<T, JsError>;

/// The environment of one callback invocation. Only valid inside that callback.
#[derive(Clone, Copy)]
pub struct Env(sys::napi_env);

#[derive(Clone, Copy)]
pub struct Value(sys::napi_value);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueType {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Symbol,
    Object,
    Function,
    External,
    BigInt,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArrayKind {
    Int8,
    Uint8,
    Uint8Clamped,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Float32,
    Float64,
    BigInt64,
    BigUint64,
}

impl ArrayKind {
    pub fn js_name(self) -> &'static str {
        match self {
            ArrayKind::Int8 => "Int8Array",
            ArrayKind::Uint8 => "Uint8Array",
            ArrayKind::Uint8Clamped => "Uint8ClampedArray",
            ArrayKind::Int16 => "Int16Array",
            ArrayKind::Uint16 => "Uint16Array",
            ArrayKind::Int32 => "Int32Array",
            ArrayKind::Uint32 => "Uint32Array",
            ArrayKind::Float32 => "Float32Array",
            ArrayKind::Float64 => "Float64Array",
            ArrayKind::BigInt64 => "BigInt64Array",
            ArrayKind::BigUint64 => "BigUint64Array",
        }
    }
    pub fn element_size(self) -> usize {
        match self {
            ArrayKind::Int8 | ArrayKind::Uint8 | ArrayKind::Uint8Clamped => 1,
            ArrayKind::Int16 | ArrayKind::Uint16 => 2,
            ArrayKind::Int32 | ArrayKind::Uint32 | ArrayKind::Float32 => 4,
            ArrayKind::Float64 | ArrayKind::BigInt64 | ArrayKind::BigUint64 => 8,
        }
    }
}

/// What `napi_get_typedarray_info` reports. `data` points at the first element (the byte
/// offset is already applied) and is NULL for empty or detached arrays. `shared` is true for
/// a view of a SharedArrayBuffer.
pub struct TypedArrayInfo {
    pub kind: ArrayKind,
    pub len: usize,
    pub data: *mut u8,
    pub detached: bool,
    pub shared: bool,
}

impl Env {
    /// # Safety
    /// `env` must be the environment handed to the currently running callback.
    pub unsafe fn from_raw(env: sys::napi_env) -> Env {
        Env(env)
    }

    pub(crate) fn check(self, status: sys::napi_status, what: &str) -> JsResult<()> {
        if status == sys::NAPI_OK {
            Ok(())
        } else if self.exception_pending() {
            Err(JsError::Pending)
        } else {
            Err(JsError::Error(format!("Node-API call {what} failed with status {status}")))
        }
    }

    pub fn exception_pending(self) -> bool {
        let mut pending = false;
        // SAFETY: valid env, out-pointer to a local.
        let status = unsafe { sys::napi_is_exception_pending(self.0, &mut pending) };
        status == sys::NAPI_OK && pending
    }

    /// Up to N arguments of the call (missing ones are `undefined`) and how many were passed.
    pub fn args<const N: usize>(self, info: sys::napi_callback_info) -> JsResult<(usize, [Value; N])> {
        let mut argc = N;
        let mut argv: [sys::napi_value; N] = [ptr::null_mut(); N];
        // SAFETY: argv has room for argc values; this/data are not requested.
        let status = unsafe {
            sys::napi_get_cb_info(self.0, info, &mut argc, argv.as_mut_ptr(), ptr::null_mut(), ptr::null_mut())
        };
        self.check(status, "napi_get_cb_info")?;
        Ok((argc, argv.map(Value)))
    }

    pub fn type_of(self, v: Value) -> JsResult<ValueType> {
        let mut t: sys::napi_valuetype = 0;
        // SAFETY: valid env and value, out-pointer to a local.
        let status = unsafe { sys::napi_typeof(self.0, v.0, &mut t) };
        self.check(status, "napi_typeof")?;
        Ok(match t {
            sys::NAPI_UNDEFINED => ValueType::Undefined,
            sys::NAPI_NULL => ValueType::Null,
            sys::NAPI_BOOLEAN => ValueType::Boolean,
            sys::NAPI_NUMBER => ValueType::Number,
            sys::NAPI_STRING => ValueType::String,
            sys::NAPI_SYMBOL => ValueType::Symbol,
            sys::NAPI_OBJECT => ValueType::Object,
            sys::NAPI_FUNCTION => ValueType::Function,
            sys::NAPI_EXTERNAL => ValueType::External,
            sys::NAPI_BIGINT => ValueType::BigInt,
            other => return Err(JsError::Error(format!("napi_typeof returned unknown type {other}"))),
        })
    }

    /// The number, or None if `v` is not a number. (No napi_typeof probe first: the
    /// "expected" status says it, and every call saved counts at this boundary.)
    pub fn number(self, v: Value) -> JsResult<Option<f64>> {
        let mut out = 0.0;
        // SAFETY: valid env/value, out-pointer to a local.
        let status = unsafe { sys::napi_get_value_double(self.0, v.0, &mut out) };
        if status == sys::NAPI_NUMBER_EXPECTED {
            return Ok(None);
        }
        self.check(status, "napi_get_value_double")?;
        Ok(Some(out))
    }

    /// The boolean, or None if `v` is not a boolean.
    pub fn boolean(self, v: Value) -> JsResult<Option<bool>> {
        let mut out = false;
        // SAFETY: valid env/value, out-pointer to a local.
        let status = unsafe { sys::napi_get_value_bool(self.0, v.0, &mut out) };
        if status == sys::NAPI_BOOLEAN_EXPECTED {
            return Ok(None);
        }
        self.check(status, "napi_get_value_bool")?;
        Ok(Some(out))
    }

    /// The string (truncated to `max_bytes`), or None if `v` is not a string.
    pub fn string(self, v: Value, max_bytes: usize) -> JsResult<Option<String>> {
        if self.type_of(v)? != ValueType::String {
            return Ok(None);
        }
        let mut buf = vec![0u8; max_bytes + 1];
        let mut written = 0usize;
        // SAFETY: buf has max_bytes + 1 bytes (room for the NUL napi writes).
        let status = unsafe {
            sys::napi_get_value_string_utf8(self.0, v.0, buf.as_mut_ptr() as *mut c_char, buf.len(), &mut written)
        };
        self.check(status, "napi_get_value_string_utf8")?;
        buf.truncate(written.min(max_bytes));
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Typed-array facts, or None if `v` is not a typed array (DataView, Array, ... are not).
    pub fn typed_array(self, v: Value) -> JsResult<Option<TypedArrayInfo>> {
        let mut kind: sys::napi_typedarray_type = 0;
        let mut len = 0usize;
        let mut data: *mut std::ffi::c_void = ptr::null_mut();
        let mut buffer: sys::napi_value = ptr::null_mut();
        let mut offset = 0usize;
        // SAFETY: valid env/value; all out-pointers point to locals. A value that is not a
        // typed array gives napi_invalid_arg (no napi_is_typedarray probe: one call less).
        let status = unsafe {
            sys::napi_get_typedarray_info(self.0, v.0, &mut kind, &mut len, &mut data, &mut buffer, &mut offset)
        };
        if status == sys::NAPI_INVALID_ARG && !self.exception_pending() {
            return Ok(None);
        }
        self.check(status, "napi_get_typedarray_info")?;
        let kind = match kind {
            sys::NAPI_INT8_ARRAY => ArrayKind::Int8,
            sys::NAPI_UINT8_ARRAY => ArrayKind::Uint8,
            sys::NAPI_UINT8_CLAMPED_ARRAY => ArrayKind::Uint8Clamped,
            sys::NAPI_INT16_ARRAY => ArrayKind::Int16,
            sys::NAPI_UINT16_ARRAY => ArrayKind::Uint16,
            sys::NAPI_INT32_ARRAY => ArrayKind::Int32,
            sys::NAPI_UINT32_ARRAY => ArrayKind::Uint32,
            sys::NAPI_FLOAT32_ARRAY => ArrayKind::Float32,
            sys::NAPI_FLOAT64_ARRAY => ArrayKind::Float64,
            sys::NAPI_BIGINT64_ARRAY => ArrayKind::BigInt64,
            sys::NAPI_BIGUINT64_ARRAY => ArrayKind::BigUint64,
            other => return Err(JsError::Error(format!("unknown typed array type {other}"))),
        };
        // A SharedArrayBuffer is not an "ArrayBuffer" to V8's IsArrayBuffer: one cheap call.
        let mut plain = true;
        if !buffer.is_null() {
            // SAFETY: `buffer` is the typed array's buffer; out-pointer to a local.
            let status = unsafe { sys::napi_is_arraybuffer(self.0, buffer, &mut plain) };
            self.check(status, "napi_is_arraybuffer")?;
        }
        // NULL data means empty or detached; only then is the (extra) detached query needed.
        let mut detached = false;
        if data.is_null() && !buffer.is_null() {
            // SAFETY: `buffer` is the typed array's ArrayBuffer; out-pointer to a local.
            let status = unsafe { sys::napi_is_detached_arraybuffer(self.0, buffer, &mut detached) };
            self.check(status, "napi_is_detached_arraybuffer")?;
        }
        if detached {
            len = 0;
        }
        Ok(Some(TypedArrayInfo { kind, len, data: data as *mut u8, detached, shared: !plain }))
    }

    fn is_array(self, v: Value) -> JsResult<bool> {
        let mut out = false;
        // SAFETY: valid env/value, out-pointer to a local.
        let status = unsafe { sys::napi_is_array(self.0, v.0, &mut out) };
        self.check(status, "napi_is_array")?;
        Ok(out)
    }

    /// A short description of a value for error messages: "undefined", "a string", "an Array",
    /// "an Int8Array", "an object".
    pub fn describe(self, v: Value) -> JsResult<String> {
        Ok(match self.type_of(v)? {
            ValueType::Undefined => "undefined".into(),
            ValueType::Null => "null".into(),
            ValueType::Boolean => "a boolean".into(),
            ValueType::Number => match self.number(v)? {
                Some(x) => format!("the number {}", js_number(x)),
                None => "a number".into(),
            },
            ValueType::String => "a string".into(),
            ValueType::Symbol => "a symbol".into(),
            ValueType::Function => "a function".into(),
            ValueType::External => "an external".into(),
            ValueType::BigInt => "a bigint".into(),
            ValueType::Object => {
                if let Some(info) = self.typed_array(v)? {
                    with_article(info.kind.js_name())
                } else if self.is_array(v)? {
                    "an Array".into()
                } else {
                    "an object".into()
                }
            }
        })
    }

    pub fn object(self) -> JsResult<Value> {
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env, out-pointer to a local.
        let status = unsafe { sys::napi_create_object(self.0, &mut out) };
        self.check(status, "napi_create_object")?;
        Ok(Value(out))
    }

    pub fn set(self, obj: Value, name: &CStr, value: Value) -> JsResult<()> {
        // SAFETY: valid env/object/value, NUL-terminated name.
        let status = unsafe { sys::napi_set_named_property(self.0, obj.0, name.as_ptr(), value.0) };
        self.check(status, "napi_set_named_property")
    }

    pub fn double(self, x: f64) -> JsResult<Value> {
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env, out-pointer to a local.
        let status = unsafe { sys::napi_create_double(self.0, x, &mut out) };
        self.check(status, "napi_create_double")?;
        Ok(Value(out))
    }

    pub fn str(self, s: &str) -> JsResult<Value> {
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: pointer and byte length of a valid UTF-8 str.
        let status = unsafe { sys::napi_create_string_utf8(self.0, s.as_ptr() as *const c_char, s.len(), &mut out) };
        self.check(status, "napi_create_string_utf8")?;
        Ok(Value(out))
    }

    pub fn undefined(self) -> JsResult<Value> {
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env, out-pointer to a local.
        let status = unsafe { sys::napi_get_undefined(self.0, &mut out) };
        self.check(status, "napi_get_undefined")?;
        Ok(Value(out))
    }

    /// Defines `obj[name] = function name(...)` backed by `cb`.
    pub fn export_function(self, obj: Value, name: &CStr, cb: sys::napi_callback) -> JsResult<()> {
        let mut f: sys::napi_value = ptr::null_mut();
        // SAFETY: NUL-terminated name with its byte length, `cb` has the napi_callback ABI.
        let status = unsafe {
            sys::napi_create_function(self.0, name.as_ptr(), name.to_bytes().len(), cb, ptr::null_mut(), &mut f)
        };
        self.check(status, "napi_create_function")?;
        self.set(obj, name, Value(f))
    }

    /// The error object `err` describes, to reject a promise with. `Pending` takes (and
    /// clears) the exception JavaScript has in flight.
    pub fn error_value(self, err: JsError) -> JsResult<Value> {
        type CreateFn = unsafe extern "C" fn(
            sys::napi_env,
            sys::napi_value,
            sys::napi_value,
            *mut sys::napi_value,
        ) -> sys::napi_status;
        let (msg, create): (String, CreateFn) = match err {
            JsError::Pending => {
                let mut out: sys::napi_value = ptr::null_mut();
                // SAFETY: valid env, out-pointer to a local.
                let status = unsafe { sys::napi_get_and_clear_last_exception(self.0, &mut out) };
                self.check(status, "napi_get_and_clear_last_exception")?;
                return Ok(Value(out));
            }
            JsError::Type(m) => (m, sys::napi_create_type_error),
            JsError::Range(m) => (m, sys::napi_create_range_error),
            JsError::Error(m) => (m, sys::napi_create_error),
        };
        let msg = self.str(&msg)?;
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env, a string message, no code, out-pointer to a local.
        let status = unsafe { create(self.0, ptr::null_mut(), msg.0, &mut out) };
        self.check(status, "napi_create_error")?;
        Ok(Value(out))
    }

    pub fn raw(self) -> sys::napi_env {
        self.0
    }

    /// Throws `err` as a JS exception, unless one is already pending (then that one stands).
    pub fn throw(self, err: JsError) {
        if self.exception_pending() {
            return;
        }
        let (msg, throw_fn): (String, ThrowFn) = match err {
            JsError::Pending => return,
            JsError::Type(m) => (m, sys::napi_throw_type_error),
            JsError::Range(m) => (m, sys::napi_throw_range_error),
            JsError::Error(m) => (m, sys::napi_throw_error),
        };
        let msg = CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
        // SAFETY: valid env, NUL-terminated message, no code.
        unsafe {
            throw_fn(self.0, ptr::null(), msg.as_ptr());
        }
    }
}

impl Value {
    pub fn raw(self) -> sys::napi_value {
        self.0
    }
    /// # Safety
    /// `v` must be a live handle of the current callback scope.
    pub unsafe fn from_raw(v: sys::napi_value) -> Value {
        Value(v)
    }
}

type ThrowFn = unsafe extern "C" fn(sys::napi_env, *const c_char, *const c_char) -> sys::napi_status;

fn with_article(name: &str) -> String {
    let vowel = matches!(name.chars().next(), Some('A' | 'E' | 'I' | 'O' | 'U'));
    format!("{} {name}", if vowel { "an" } else { "a" })
}

/// Formats a number the way JavaScript prints it for the values that show up in messages.
pub fn js_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if x == x.trunc() && x.abs() < 1e21 {
        format!("{}", x as i128)
    } else {
        format!("{x}")
    }
}
