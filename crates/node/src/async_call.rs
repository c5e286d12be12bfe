//! The async exports (gemmAsync, recurrentForwardAsync, recurrentBackwardAsync): the same
//! checks as the sync export, on the JavaScript thread, then the kernel on a libuv pool
//! thread, and a promise that settles when it is done. The event loop keeps running.
//!
//! What keeps the memory valid while the worker runs:
//! - every argument is checked before anything is queued (a bad call rejects at once),
//!   including that no two outputs overlap;
//! - a reference to each typed array keeps it (and its buffer) from being collected;
//! - `in_flight` refuses any other native call that would write memory this call uses, or
//!   read memory it writes; an input overlapping an output is copied (on the worker, before
//!   the kernel starts);
//! - the caller must not write, transfer, detach or resize the arrays until the promise
//!   settles (JavaScript cannot be stopped from doing so; README states the contract). A
//!   detach or move seen afterwards rejects the promise instead of resolving it.
//!
//! A panic in the worker is caught there and rejects the promise; it never unwinds into Node.

use crate::arrays::{check_disjoint_outputs, RawArray};
use crate::exports::KernelCall;
use crate::in_flight::{self, Claim};
use crate::napi::{Env, JsError, JsResult, Value};
use crate::napi_async::{AsyncWork, Deferred, Reference};
use crate::napi_sys as sys;
use crate::panic_message;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A typed array the job uses: kept alive, and where its elements were when queued.
struct Held {
    name: &'static str,
    reference: Reference,
    location: (usize, usize),
}

struct Job {
    func: &'static str,
    deferred: Option<Deferred>,
    work: Option<AsyncWork>,
    claim: Option<Claim>,
    held: Vec<Held>,
    call: Box<dyn KernelCall>,
    /// Set by the worker: the kernel's result, or its panic as an Error.
    outcome: Option<JsResult<()>>,
}

/// Starts `prepared` (the result of an export's checks) on the thread pool and returns its
/// promise. Any failure before the work is queued rejects the promise instead of throwing.
pub fn queue(env: Env, func: &'static str, prepared: JsResult<Box<dyn KernelCall>>) -> JsResult<Value> {
    let (deferred, promise) = env.promise()?;
    let call = match prepared {
        Ok(call) => call,
        Err(e) => {
            let err = env.error_value(e)?;
            deferred.reject(env, err)?;
            return Ok(promise);
        }
    };
    let mut job = Box::new(Job {
        func,
        deferred: Some(deferred),
        work: None,
        claim: None,
        held: Vec::new(),
        call,
        outcome: None,
    });
    if let Err(e) = hold(env, &mut job) {
        job.outcome = Some(Err(e));
        settle(env, *job, sys::NAPI_OK);
        return Ok(promise);
    }
    let raw = Box::into_raw(job);
    match env.async_work(func, execute, complete, raw as *mut c_void) {
        Ok(work) => {
            // SAFETY: `raw` came from Box::into_raw above; nothing else uses it until queued.
            let job = unsafe { &mut *raw };
            let queued = work.queue(env);
            job.work = Some(work);
            if let Err(e) = queued {
                // SAFETY: not queued, so `complete` will never see `raw`: take it back.
                let mut job = unsafe { Box::from_raw(raw) };
                job.outcome = Some(Err(e));
                settle(env, *job, sys::NAPI_OK);
            }
        }
        Err(e) => {
            // SAFETY: no work holds `raw`: take it back.
            let mut job = unsafe { Box::from_raw(raw) };
            job.outcome = Some(Err(e));
            settle(env, *job, sys::NAPI_OK);
        }
    }
    Ok(promise)
}

/// Checks that the outputs are disjoint (so the worker cannot fail on it), claims the job's
/// memory and references its arrays.
fn hold(env: Env, job: &mut Job) -> JsResult<()> {
    let arrays: Vec<(&RawArray, bool)> = job.call.arrays();
    let outputs: Vec<&RawArray> = arrays.iter().filter(|(_, writes)| *writes).map(|(a, _)| *a).collect();
    check_disjoint_outputs(job.func, &outputs)?;
    job.claim = Some(in_flight::claim(job.func, &arrays)?);
    for (array, _) in &arrays {
        let reference = env.reference(array.source())?;
        job.held.push(Held { name: array.name, reference, location: array.location() });
    }
    Ok(())
}

/// Pool thread. Touches only `job.call` (memory the job holds) and `job.outcome`.
unsafe extern "C" fn execute(_env: sys::napi_env, data: *mut c_void) {
    // SAFETY: `data` is the Job queued by `queue`; the JavaScript thread does not touch it
    // between napi_queue_async_work and `complete` (libuv orders the two).
    let job = unsafe { &mut *(data as *mut Job) };
    let func = job.func;
    let outcome = catch_unwind(AssertUnwindSafe(|| job.call.run()));
    job.outcome = Some(outcome.unwrap_or_else(|payload| {
        Err(JsError::Error(format!(
            "{func}: internal error in the native kernel (Rust panic): {}",
            panic_message(&*payload)
        )))
    }));
}

/// JavaScript thread, after `execute` (or instead of it, when cancelled).
unsafe extern "C" fn complete(env: sys::napi_env, status: sys::napi_status, data: *mut c_void) {
    // SAFETY: Node passes the env of this work's completion and the Job pointer from `queue`,
    // once; the worker is done with it.
    let (env, job) = unsafe { (Env::from_raw(env), Box::from_raw(data as *mut Job)) };
    // Nothing may unwind into Node; a panic here can only leak the job's handles.
    let _ = catch_unwind(AssertUnwindSafe(|| settle(env, *job, status)));
}

/// Releases everything the job holds and settles its promise.
fn settle(env: Env, mut job: Job, status: sys::napi_status) {
    if let Some(claim) = job.claim.take() {
        in_flight::release(claim);
    }
    let moved = job.held.iter().find(|h| moved(env, h)).map(|h| h.name);
    for h in job.held.drain(..) {
        h.reference.delete(env);
    }
    if let Some(work) = job.work.take() {
        work.delete(env);
    }
    let func = job.func;
    let outcome = match (status, moved, job.outcome.take()) {
        (sys::NAPI_OK, None, Some(outcome)) => outcome,
        (sys::NAPI_OK, Some(name), _) => Err(JsError::Error(format!(
            "{func}: {name} was detached, transferred or resized while the call ran, so its results are undefined; \
             leave the arrays untouched until the promise settles"
        ))),
        (status, _, _) => Err(JsError::Error(format!("{func}: the work was cancelled (status {status})"))),
    };
    let Some(deferred) = job.deferred.take() else { return };
    let settled = match outcome {
        Ok(()) => env.undefined().and_then(|u| deferred.resolve(env, u)),
        Err(e) => env.error_value(e).and_then(|err| deferred.reject(env, err)),
    };
    // No way to report a failure to settle (no JS caller on this stack); leave it pending.
    let _ = settled;
}

/// True when the typed array no longer has its elements where the kernel used them.
fn moved(env: Env, h: &Held) -> bool {
    if h.location.1 == 0 {
        return false; // the kernel touched none of it
    }
    let now = h.reference.value(env).and_then(|v| env.typed_array(v));
    match now {
        Ok(Some(info)) => (info.data as usize, info.len) != h.location,
        _ => true,
    }
}

/// `__panicForTestAsync()`: a job whose kernel panics on the worker.
pub struct PanicCall;

impl KernelCall for PanicCall {
    fn arrays(&self) -> Vec<(&RawArray, bool)> {
        Vec::new()
    }
    fn run(&mut self) -> JsResult<()> {
        panic!("deliberate panic from __panicForTestAsync")
    }
}
