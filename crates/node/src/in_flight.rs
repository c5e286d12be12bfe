//! Memory that pending async calls read or write. A call (sync or async) that would write
//! memory a pending call uses, or read memory a pending call writes, is refused with a
//! RangeError naming both arrays, instead of racing with the worker thread. Reads of the
//! same memory (e.g. one set of weights shared by many concurrent forwards) are fine.
//!
//! JavaScript itself can still touch the arrays while a call is pending; the async API's
//! contract (README) says it must not.

use crate::arrays::RawArray;
use crate::napi::{JsError, JsResult};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct Span {
    claim: u64,
    func: &'static str,
    name: &'static str,
    start: usize,
    end: usize,
    writes: bool,
}

struct Claims {
    next_id: u64,
    spans: Vec<Span>,
}

static CLAIMS: Mutex<Claims> = Mutex::new(Claims { next_id: 1, spans: Vec::new() });
/// Number of spans held: lets synchronous calls skip the lock when nothing is pending.
static HELD: AtomicUsize = AtomicUsize::new(0);

/// Memory held by one queued async call; give it back with `release`.
pub struct Claim(u64);

fn lock() -> std::sync::MutexGuard<'static, Claims> {
    // A panic while holding the lock leaves the list consistent (pushes and retains only).
    CLAIMS.lock().unwrap_or_else(|e| e.into_inner())
}

fn conflict(claims: &Claims, func: &str, arrays: &[(&RawArray, bool)]) -> JsResult<()> {
    for (array, writes) in arrays {
        let Some((start, end)) = array.span() else { continue };
        let clash = claims.spans.iter().find(|s| (s.writes || *writes) && start < s.end && s.start < end);
        if let Some(s) = clash {
            let (mine, theirs) = (if *writes { "writes" } else { "reads" }, if s.writes { "writes" } else { "reads" });
            return Err(JsError::Range(format!(
                "{func}: {} shares memory with {} of a pending {} call ({func} {mine} it, the pending call {theirs} it); \
                 await that call's promise first or pass a separate array",
                array.name, s.name, s.func
            )));
        }
    }
    Ok(())
}

/// True when some async call holds memory (one atomic load: the sync calls' fast path).
pub fn any_pending() -> bool {
    HELD.load(Ordering::Acquire) != 0
}

/// For a synchronous call: Err if it would race with a pending async call.
pub fn check(func: &str, arrays: &[(&RawArray, bool)]) -> JsResult<()> {
    if !any_pending() {
        return Ok(());
    }
    conflict(&lock(), func, arrays)
}

/// For an async call about to be queued: checks as `check`, then holds its memory.
pub fn claim(func: &'static str, arrays: &[(&RawArray, bool)]) -> JsResult<Claim> {
    let mut claims = lock();
    conflict(&claims, func, arrays)?;
    let id = claims.next_id;
    claims.next_id += 1;
    for (array, writes) in arrays {
        if let Some((start, end)) = array.span() {
            claims.spans.push(Span { claim: id, func, name: array.name, start, end, writes: *writes });
            HELD.fetch_add(1, Ordering::Release);
        }
    }
    Ok(Claim(id))
}

pub fn release(claim: Claim) {
    let mut claims = lock();
    let before = claims.spans.len();
    claims.spans.retain(|s| s.claim != claim.0);
    HELD.fetch_sub(before - claims.spans.len(), Ordering::Release);
}
