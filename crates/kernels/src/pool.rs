//! A persistent pool of worker threads for the kernels' parallel parts: `run(n, job)` calls
//! `job(i)` for i in 0..n, i = 0 on the caller, the others on workers that live for the
//! process, so a call costs a wake-up instead of n - 1 thread spawns (tens of µs each here).
//!
//! - One caller at a time owns the workers. A caller that finds them busy (two async calls
//!   from Node's libuv threadpool at once, or a job that itself runs in parallel) runs its
//!   job on scoped threads of its own instead: the same results, no waiting, no deadlock.
//! - A job that panics on any member panics the call after every member has finished (the
//!   job borrows the caller's stack), and the workers stay usable.
//! - Workers spin for 50 µs after a job (the next parallel part of a kernel usually
//!   follows within µs; longer spinning takes the core from the caller's own thread on a
//!   loaded machine), then sleep on a condition variable.
//! - wasm32 has no threads: `run` calls the members one after another there; the kernels
//!   only ask for one thread on that target (`gemm::num_threads`).

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use threaded::run;

/// The most threads a call may use on this target (every thread budget is clamped to it).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const MAX_THREADS: usize = usize::MAX;
#[cfg(target_arch = "wasm32")]
pub(crate) const MAX_THREADS: usize = 1;

#[cfg(target_arch = "wasm32")]
pub(crate) fn run(threads: usize, job: &(dyn Fn(usize) + Sync)) {
    for i in 0..threads {
        job(i);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod threaded {
    use std::cell::UnsafeCell;
    use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    use std::time::{Duration, Instant};

    /// Spin rounds of the owner waiting for its workers before it sleeps (a few µs).
    const OWNER_SPINS: u32 = 2000;

    /// How long an idle worker spins before it sleeps.
    const SPIN: Duration = Duration::from_micros(50);

    type Job = *const (dyn Fn(usize) + Sync + 'static);

    /// Members per job at most (they share one word with the job's number, `Inner::state`).
    const MAX_MEMBERS: usize = 255;

    struct Inner {
        /// job number · 256 + members of that job, one word so that a worker reads both at
        /// once; a worker runs member w + 1 of a new job if w + 1 < members.
        state: AtomicUsize,
        job: UnsafeCell<Option<Job>>,
        /// Workers still running the current job.
        pending: AtomicUsize,
        panicked: AtomicBool,
        sleepers: AtomicUsize,
        lock: Mutex<()>,
        wake: Condvar,
        /// Signalled by the worker that finishes a job last (the owner may be asleep on it).
        done: Condvar,
    }

    // SAFETY: `job` is written only by the owner (BUSY held) while no worker runs a job,
    // and read by the workers a job needs between its start and their `pending` decrement.
    unsafe impl Sync for Inner {}

    /// Set while a caller owns the workers.
    static BUSY: AtomicBool = AtomicBool::new(false);
    /// The pool (created on first use) and how many workers it has.
    static POOL: Mutex<Option<(&'static Inner, usize)>> = Mutex::new(None);

    pub(crate) fn run(threads: usize, job: &(dyn Fn(usize) + Sync)) {
        if threads <= 1 {
            if threads == 1 {
                job(0);
            }
            return;
        }
        if threads > MAX_MEMBERS || BUSY.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return run_scoped(threads, job);
        }
        let _release = Release;
        let inner = match workers(threads - 1) {
            Some(inner) => inner,
            None => return run_scoped(threads, job),
        };
        // SAFETY: the job outlives its use: this function waits below until every worker
        // has finished it (pending == 0), even when member 0 panics.
        let erased: Job = unsafe { core::mem::transmute::<&(dyn Fn(usize) + Sync), Job>(job) };
        unsafe { *inner.job.get() = Some(erased) };
        inner.panicked.store(false, Ordering::Relaxed);
        inner.pending.store(threads - 1, Ordering::Relaxed);
        let number = (inner.state.load(Ordering::Relaxed) >> 8).wrapping_add(1);
        inner.state.store((number << 8) | threads, Ordering::SeqCst);
        if inner.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = inner.lock.lock().unwrap_or_else(|e| e.into_inner());
            inner.wake.notify_all();
        }
        let mine = catch_unwind(AssertUnwindSafe(|| job(0)));
        wait_until_done(inner);
        unsafe { *inner.job.get() = None };
        if let Err(payload) = mine {
            resume_unwind(payload);
        }
        assert!(!inner.panicked.load(Ordering::Acquire), "pool: a worker's part of the job panicked");
    }

    struct Release;
    impl Drop for Release {
        fn drop(&mut self) {
            BUSY.store(false, Ordering::Release);
        }
    }

    /// The pool with at least `n` workers (more are started when a call asks for more), or
    /// None when the system refuses a thread.
    fn workers(n: usize) -> Option<&'static Inner> {
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        let (inner, have) = *pool.get_or_insert_with(|| {
            let inner: &'static Inner = Box::leak(Box::new(Inner {
                state: AtomicUsize::new(0),
                job: UnsafeCell::new(None),
                pending: AtomicUsize::new(0),
                panicked: AtomicBool::new(false),
                sleepers: AtomicUsize::new(0),
                lock: Mutex::new(()),
                wake: Condvar::new(),
                done: Condvar::new(),
            }));
            (inner, 0)
        });
        let mut have = have;
        while have < n {
            let seen = inner.state.load(Ordering::SeqCst);
            let spawned = std::thread::Builder::new()
                .name(format!("recur-kernels-{}", have + 1))
                .spawn(move || worker(inner, have, seen));
            if spawned.is_err() {
                break;
            }
            have += 1;
        }
        *pool = Some((inner, have));
        if have >= n {
            Some(inner)
        } else {
            None
        }
    }

    fn worker(inner: &'static Inner, index: usize, mut seen: usize) {
        loop {
            seen = wait_for_job(inner, seen);
            // A job that needs this worker cannot end (nor the next begin) before it has
            // run its part, so the job read here is the one of `seen`.
            if index + 1 < seen & MAX_MEMBERS {
                // SAFETY: set by the owner before the state change, kept until pending == 0.
                let job = unsafe { (*inner.job.get()).expect("pool: a job is set") };
                let result = catch_unwind(AssertUnwindSafe(|| unsafe { (*job)(index + 1) }));
                if result.is_err() {
                    inner.panicked.store(true, Ordering::Release);
                }
                if inner.pending.fetch_sub(1, Ordering::AcqRel) == 1 {
                    // Under the lock: the owner checks `pending` under it before sleeping.
                    let _g = inner.lock.lock().unwrap_or_else(|e| e.into_inner());
                    inner.done.notify_all();
                }
            }
        }
    }

    /// The owner's wait for the workers: a short spin (they usually finish within µs of
    /// it), then asleep until the last one signals. Spinning longer or yielding would keep
    /// the core from a worker that shares it on a loaded machine.
    fn wait_until_done(inner: &Inner) {
        for _ in 0..OWNER_SPINS {
            if inner.pending.load(Ordering::Acquire) == 0 {
                return;
            }
            core::hint::spin_loop();
        }
        let mut guard = inner.lock.lock().unwrap_or_else(|e| e.into_inner());
        while inner.pending.load(Ordering::Acquire) != 0 {
            guard = inner.done.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Waits until the state differs from `seen`; returns the new one.
    fn wait_for_job(inner: &Inner, seen: usize) -> usize {
        let start = Instant::now();
        let mut spins = 0u32;
        loop {
            let g = inner.state.load(Ordering::Acquire);
            if g != seen {
                return g;
            }
            spins = spins.wrapping_add(1);
            core::hint::spin_loop();
            if spins % 256 == 0 && start.elapsed() > SPIN {
                break;
            }
        }
        let mut guard = inner.lock.lock().unwrap_or_else(|e| e.into_inner());
        inner.sleepers.fetch_add(1, Ordering::SeqCst);
        loop {
            let g = inner.state.load(Ordering::SeqCst);
            if g != seen {
                inner.sleepers.fetch_sub(1, Ordering::SeqCst);
                return g;
            }
            guard = inner.wake.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The fallback when the workers are taken: members 1.. on scoped threads.
    fn run_scoped(threads: usize, job: &(dyn Fn(usize) + Sync)) {
        std::thread::scope(|s| {
            for i in 1..threads {
                s.spawn(move || job(i));
            }
            job(0);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::run;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_member_runs_once_per_call() {
        for threads in [1, 2, 3, 5] {
            for _ in 0..200 {
                let hits: Vec<AtomicUsize> = (0..threads).map(|_| AtomicUsize::new(0)).collect();
                run(threads, &|i| {
                    hits[i].fetch_add(1, Ordering::Relaxed);
                });
                assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 1), "{threads} threads");
            }
        }
    }

    #[test]
    fn a_worker_left_out_of_a_small_job_runs_the_next_big_one_once() {
        // Alternating sizes: a worker that sees a 2-member job late must not take it for the
        // 4-member job that follows (it would run its part twice).
        for round in 0..3000 {
            let threads = if round % 2 == 0 { 2 } else { 4 };
            let hits: Vec<AtomicUsize> = (0..threads).map(|_| AtomicUsize::new(0)).collect();
            run(threads, &|i| {
                hits[i].fetch_add(1, Ordering::Relaxed);
            });
            assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 1), "round {round}");
        }
    }

    #[test]
    fn concurrent_callers_and_nested_calls_all_complete() {
        let total = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..100 {
                        run(2, &|_| {
                            run(2, &|_| {
                                total.fetch_add(1, Ordering::Relaxed);
                            })
                        });
                    }
                });
            }
        });
        assert_eq!(total.load(Ordering::Relaxed), 4 * 100 * 4);
    }

    #[test]
    fn a_panicking_member_fails_the_call_and_the_pool_keeps_working() {
        for panicking in 0..2 {
            let result = std::panic::catch_unwind(|| run(2, &|i| assert!(i != panicking, "member {i} fails")));
            assert!(result.is_err(), "member {panicking}");
            let hits = AtomicUsize::new(0);
            run(2, &|_| {
                hits.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(hits.load(Ordering::Relaxed), 2);
        }
    }
}
