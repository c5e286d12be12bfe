//! The async exports (gemmAsync, recurrentForwardAsync, recurrentBackwardAsync): the same
//! checks as the sync export, on the JavaScript thread, then the kernel on a libuv pool
//! thread, and a promise that settles when it is done. The event loop keeps running.
//!
//! What keeps the memory valid while the worker runs, whatever JavaScript does meanwhile
//! (write, transfer, detach, resize, collect):
//! - every argument is checked before anything is queued (a bad call rejects at once),
//!   including that no two outputs overlap;
//! - the worker touches only memory the job owns: before queueing, each input is copied and
//!   each output replaced by a zeroed buffer (`owned.rs`), so the results are those of the
//!   inputs as they were when the call was made;
//! - the completion runs on the JavaScript thread: it looks each output typed array up again
//!   (a reference kept it alive) and copies the results into it only if every output still
//!   has its kind and length and is attached; otherwise it writes nothing and rejects with an
//!   Error naming the output;
//! - `in_flight` refuses any other native call that would write memory this call reads or
//!   writes, or read memory it writes (the caller's own race, which copying does not cure).
//!
//! A panic in the worker is caught there and rejects the promise; it never unwinds into Node.

use crate::arrays::{check_disjoint_outputs, RawArray};
use crate::exports::KernelCall;
use crate::in_flight::{self, Claim};
use crate::napi::{ArrayKind, Env, JsError, JsResult, Value};
use crate::napi_async::{AsyncWork, Deferred, Reference};
use crate::napi_sys as sys;
use crate::owned::{self, Owned};
use crate::panic_message;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An output of the job: its typed array (kept alive) as it was when queued, and where the
/// kernel writes its elements instead (in one of the job's `copies`).
struct Output {
    name: &'static str,
    reference: Reference,
    kind: ArrayKind,
    len: usize,
    bytes: usize,
    result: *const u8,
}

struct Job {
    func: &'static str,
    deferred: Option<Deferred>,
    work: Option<AsyncWork>,
    claim: Option<Claim>,
    /// Keeps the input typed arrays alive until the call settles (see `hold`).
    inputs: Vec<Reference>,
    outputs: Vec<Output>,
    /// The memory the kernel reads and writes (every array of `call` points into it).
    copies: Vec<Owned>,
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
        inputs: Vec::new(),
        outputs: Vec::new(),
        copies: Vec::new(),
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
/// memory, references its arrays and moves every array onto a copy the job owns.
fn hold(env: Env, job: &mut Job) -> JsResult<()> {
    let arrays: Vec<(&RawArray, bool)> = job.call.arrays();
    let outputs: Vec<&RawArray> = arrays.iter().filter(|(_, writes)| *writes).map(|(a, _)| *a).collect();
    check_disjoint_outputs(job.func, &outputs)?;
    job.claim = Some(in_flight::claim(job.func, &arrays)?);
    let reads_outputs = job.call.reads_outputs();
    for (array, writes) in &arrays {
        // Inputs are referenced too, though the kernel reads a copy: while the call's claim
        // holds their memory, it must not be freed and reused by an unrelated array (which
        // in_flight would then refuse).
        let reference = env.reference(array.source())?;
        let copy = owned::rehome(array, !*writes || reads_outputs);
        if *writes {
            let (name, kind, len, bytes) = (array.name, array.kind, array.len(), array.byte_len());
            job.outputs.push(Output { name, reference, kind, len, bytes, result: copy.as_ptr() });
        } else {
            job.inputs.push(reference);
        }
        job.copies.push(copy);
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

/// Copies the results into the outputs and settles the promise, then frees the job.
fn settle(env: Env, mut job: Job, status: sys::napi_status) {
    if let Some(claim) = job.claim.take() {
        in_flight::release(claim);
    }
    let func = job.func;
    let outcome = match (status, job.outcome.take()) {
        (sys::NAPI_OK, Some(Ok(()))) => write_back(env, func, &job.outputs),
        (sys::NAPI_OK, Some(Err(e))) => Err(e),
        (status, _) => Err(JsError::Error(format!("{func}: the work was cancelled (status {status})"))),
    };
    for out in job.outputs.drain(..) {
        out.reference.delete(env);
    }
    for input in job.inputs.drain(..) {
        input.delete(env);
    }
    if let Some(work) = job.work.take() {
        work.delete(env);
    }
    let Some(deferred) = job.deferred.take() else { return };
    let settled = match outcome {
        Ok(()) => env.undefined().and_then(|u| deferred.resolve(env, u)),
        Err(e) => env.error_value(e).and_then(|err| deferred.reject(env, err)),
    };
    // No way to report a failure to settle (no JS caller on this stack); leave it pending.
    let _ = settled;
}

/// All or nothing: the results go into the outputs only if every output typed array still
/// has the kind and length it had when the call was made and is attached (JavaScript may
/// have transferred or resized its buffer meanwhile); then it is the memory it has now.
fn write_back(env: Env, func: &str, outputs: &[Output]) -> JsResult<()> {
    let mut targets = Vec::with_capacity(outputs.len());
    for out in outputs {
        if out.bytes == 0 {
            targets.push(std::ptr::null_mut()); // nothing to write: whatever became of it is fine
            continue;
        }
        let now = env.typed_array(out.reference.value(env)?)?;
        match now {
            Some(info) if info.kind == out.kind && info.len == out.len && !info.detached && !info.shared => {
                targets.push(info.data)
            }
            _ => {
                return Err(JsError::Error(format!(
                    "{func}: output {} was detached, transferred or resized while the call ran, so no result was \
                     written (to any output); leave the arrays untouched until the promise settles",
                    out.name
                )))
            }
        }
    }
    for (out, dst) in outputs.iter().zip(targets) {
        if out.bytes > 0 {
            // SAFETY: on the JavaScript thread with no JS running: `dst` was just read from the
            // live typed array, which has out.len elements of out.kind (checked), i.e. out.bytes
            // bytes; `result` is the job's own copy of that many bytes; they cannot overlap.
            unsafe { std::ptr::copy_nonoverlapping(out.result, dst, out.bytes) };
        }
    }
    Ok(())
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
