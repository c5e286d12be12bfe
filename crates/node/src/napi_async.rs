//! Safe-ish wrappers over the Node-API pieces of an async call: promises (a deferred settles
//! one), references (keep a JS value alive across callbacks) and async work (a function run
//! on the libuv thread pool, then a completion back on the JavaScript thread). Each wrapper
//! is used on the JavaScript thread only; `async_call.rs` puts them together.

use crate::napi::{Env, JsResult, Value};
use crate::napi_sys as sys;
use std::ffi::c_void;
use std::ptr;

/// The resolve/reject side of a promise. Settling consumes it (Node-API frees it then).
pub struct Deferred(sys::napi_deferred);

/// Keeps a JS value alive (refcount 1) until `delete`.
pub struct Reference(sys::napi_ref);

pub struct AsyncWork(sys::napi_async_work);

impl Env {
    pub fn promise(self) -> JsResult<(Deferred, Value)> {
        let mut deferred: sys::napi_deferred = ptr::null_mut();
        let mut promise: sys::napi_value = ptr::null_mut();
        // SAFETY: valid env, out-pointers to locals.
        let status = unsafe { sys::napi_create_promise(self.raw(), &mut deferred, &mut promise) };
        self.check(status, "napi_create_promise")?;
        // SAFETY: napi_create_promise returned a live handle.
        Ok((Deferred(deferred), unsafe { Value::from_raw(promise) }))
    }

    pub fn reference(self, v: Value) -> JsResult<Reference> {
        let mut r: sys::napi_ref = ptr::null_mut();
        // SAFETY: valid env and value, out-pointer to a local.
        let status = unsafe { sys::napi_create_reference(self.raw(), v.raw(), 1, &mut r) };
        self.check(status, "napi_create_reference")?;
        Ok(Reference(r))
    }

    /// Work that runs `execute(data)` on a pool thread, then `complete(data)` here.
    pub fn async_work(
        self,
        name: &str,
        execute: sys::napi_async_execute_callback,
        complete: sys::napi_async_complete_callback,
        data: *mut c_void,
    ) -> JsResult<AsyncWork> {
        let name = self.str(name)?;
        let mut work: sys::napi_async_work = ptr::null_mut();
        // SAFETY: valid env, a string resource name, callbacks with the Node-API ABI; `data`
        // is handed back to them untouched.
        let status = unsafe {
            sys::napi_create_async_work(self.raw(), ptr::null_mut(), name.raw(), execute, complete, data, &mut work)
        };
        self.check(status, "napi_create_async_work")?;
        Ok(AsyncWork(work))
    }
}

impl Deferred {
    pub fn resolve(self, env: Env, v: Value) -> JsResult<()> {
        // SAFETY: a deferred from napi_create_promise, settled once (self is consumed).
        env.check(unsafe { sys::napi_resolve_deferred(env.raw(), self.0, v.raw()) }, "napi_resolve_deferred")
    }

    pub fn reject(self, env: Env, v: Value) -> JsResult<()> {
        // SAFETY: as in resolve.
        env.check(unsafe { sys::napi_reject_deferred(env.raw(), self.0, v.raw()) }, "napi_reject_deferred")
    }
}

impl Reference {
    pub fn value(&self, env: Env) -> JsResult<Value> {
        let mut out: sys::napi_value = ptr::null_mut();
        // SAFETY: a live reference (not yet deleted: delete consumes self).
        let status = unsafe { sys::napi_get_reference_value(env.raw(), self.0, &mut out) };
        env.check(status, "napi_get_reference_value")?;
        // SAFETY: a handle Node-API just created in the current scope.
        Ok(unsafe { Value::from_raw(out) })
    }

    pub fn delete(self, env: Env) {
        // SAFETY: deleted once (self is consumed). A failure only leaks the reference.
        unsafe { sys::napi_delete_reference(env.raw(), self.0) };
    }
}

impl AsyncWork {
    pub fn queue(&self, env: Env) -> JsResult<()> {
        // SAFETY: work created by napi_create_async_work and not deleted.
        env.check(unsafe { sys::napi_queue_async_work(env.raw(), self.0) }, "napi_queue_async_work")
    }

    pub fn delete(self, env: Env) {
        // SAFETY: deleted once (self is consumed), never while queued and not completed.
        unsafe { sys::napi_delete_async_work(env.raw(), self.0) };
    }
}
