//! Threads that share every step of one time loop (when the batch is too small to give each
//! thread rows of its own, see `batch`): each step's GEMM is split by column panels and its
//! elementwise pass by rows, with a barrier after each phase. The phases of different
//! threads touch disjoint parts of the step's buffers, which safe slices cannot express
//! across the barrier, so the buffers are shared as raw parts (`Shared`).

use crate::int::IntRound;
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Multiply-adds of one step's GEMM a thread must get before sharing the steps pays for
/// the two barriers per step. Between spinning pool workers a barrier costs well under a
/// µs, but a member that loses its core stalls the step: with 2^19 (the LSTM of X64 H128
/// B32 on 2 threads) the 2-thread medians went from 10-12 ms to 135-150 ms per call on
/// this 2-vCPU machine at load average 17, against 2^21 kept.
const MIN_STEP_WORK_PER_THREAD: usize = 1 << 21;

/// Threads worth sharing steps of `step_work` multiply-adds (1: run alone).
pub(crate) fn size(step_work: usize, max_threads: usize) -> usize {
    (step_work / MIN_STEP_WORK_PER_THREAD).clamp(1, max_threads.max(1))
}

/// Runs `member(i, barrier)` for i in 0..threads, i = 0 on the calling thread. A member that
/// panics breaks the barrier, so the others panic out of their wait instead of waiting for
/// it forever, and the panic reaches the caller (the Node binding turns it into an Error).
pub(crate) fn run(threads: usize, member: impl Fn(usize, &SpinBarrier) + Sync) {
    let barrier = SpinBarrier::new(threads);
    crate::pool::run(threads, &|i| {
        let _break_if_panicking = BreakOnPanic(&barrier);
        member(i, &barrier)
    });
}

struct BreakOnPanic<'a>(&'a SpinBarrier);

impl Drop for BreakOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.broken.store(true, Ordering::SeqCst);
            self.0.wake_sleepers();
        }
    }
}

/// A barrier for members that each have a core: a phase takes tens to hundreds of µs and
/// the others arrive within a few, so waiting spins instead of sleeping (std's Barrier
/// parks the thread, and waking it costs tens of µs in this VM, twice per time step). After
/// SPINS rounds a member was descheduled (a loaded machine): the waiter sleeps until the
/// last one arrives rather than spin or yield on a core the late member may need.
pub(crate) struct SpinBarrier {
    members: usize,
    arrived: AtomicUsize,
    generation: AtomicUsize,
    /// A member panicked: nobody waits any more.
    broken: AtomicBool,
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    wake: Condvar,
}

impl SpinBarrier {
    const SPINS: u32 = 1 << 12;

    pub fn new(members: usize) -> SpinBarrier {
        SpinBarrier {
            members,
            arrived: AtomicUsize::new(0),
            generation: AtomicUsize::new(0),
            broken: AtomicBool::new(false),
            sleepers: AtomicUsize::new(0),
            lock: Mutex::new(()),
            wake: Condvar::new(),
        }
    }

    fn wake_sleepers(&self) {
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.wake.notify_all();
        }
    }

    /// Returns once every member has called `wait` for this round; the writes each member
    /// made before its call are visible to all after it.
    pub fn wait(&self) {
        let generation = self.generation.load(Ordering::Acquire);
        if self.arrived.fetch_add(1, Ordering::AcqRel) + 1 == self.members {
            self.arrived.store(0, Ordering::Relaxed);
            self.generation.fetch_add(1, Ordering::SeqCst);
            self.wake_sleepers();
            return;
        }
        for _ in 0..Self::SPINS {
            if self.generation.load(Ordering::Acquire) != generation {
                return;
            }
            assert!(!self.broken.load(Ordering::Acquire), "team: another member panicked");
            core::hint::spin_loop();
        }
        let mut guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        while self.generation.load(Ordering::SeqCst) == generation {
            if self.broken.load(Ordering::SeqCst) {
                self.sleepers.fetch_sub(1, Ordering::SeqCst);
                drop(guard);
                panic!("team: another member panicked");
            }
            // The timeout only bounds a wake-up lost to a race; none is expected.
            guard = self.wake.wait_timeout(guard, Duration::from_millis(1)).unwrap_or_else(|e| e.into_inner()).0;
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Part i of `parts` of 0..total, boundaries at multiples of `unit` (the last takes the rest).
pub(crate) fn part(total: usize, unit: usize, parts: usize, i: usize) -> (usize, usize) {
    let units = total.ceil_div(unit.max(1));
    ((units * i / parts * unit).min(total), (units * (i + 1) / parts * unit).min(total))
}

/// A buffer shared by the members of a team, handed out as slices of the part a member
/// owns in the current phase.
pub(crate) struct Shared<F> {
    ptr: *mut F,
    len: usize,
}

unsafe impl<F: Send> Send for Shared<F> {}
unsafe impl<F: Send> Sync for Shared<F> {}

impl<F> Shared<F> {
    pub fn new(buf: &mut [F]) -> Shared<F> {
        Shared { ptr: buf.as_mut_ptr(), len: buf.len() }
    }

    pub fn ptr(&self, off: usize) -> *mut F {
        assert!(off <= self.len, "Shared: offset {off} past {}", self.len);
        self.ptr.wrapping_add(off)
    }

    /// # Safety
    /// No member writes elements off..off+n during the phase.
    pub unsafe fn slice(&self, off: usize, n: usize) -> &[F] {
        assert!(off + n <= self.len, "Shared: {off}..{} past {}", off + n, self.len);
        core::slice::from_raw_parts(self.ptr.add(off), n)
    }

    /// # Safety
    /// No other member reads or writes elements off..off+n during the phase.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn slice_mut(&self, off: usize, n: usize) -> &mut [F] {
        assert!(off + n <= self.len, "Shared: {off}..{} past {}", off + n, self.len);
        core::slice::from_raw_parts_mut(self.ptr.add(off), n)
    }

    /// Where row r0 (`w` wide) of step t-1 of this [T, B, w] buffer starts, or of `init`
    /// [B, w] at t = 0: the left operand of a step GEMM.
    ///
    /// # Safety
    /// r0 < B and `init` holds B rows.
    pub unsafe fn prev_ptr(&self, init: &[F], t: usize, b: usize, r0: usize, w: usize) -> *const F {
        if t == 0 {
            init.as_ptr().add(r0 * w)
        } else {
            self.ptr(((t - 1) * b + r0) * w) as *const F
        }
    }

    /// Rows r0..r1 (each `w` wide) of step t-1 of this [T, B, w] buffer, or of `init`
    /// [B, w] at t = 0.
    ///
    /// # Safety
    /// As `slice`.
    #[allow(clippy::too_many_arguments)]
    pub unsafe fn prev_rows<'a>(
        &'a self,
        init: &'a [F],
        t: usize,
        b: usize,
        (r0, r1): (usize, usize),
        w: usize,
    ) -> &'a [F] {
        if t == 0 {
            &init[r0 * w..r1 * w]
        } else {
            self.slice(((t - 1) * b + r0) * w, (r1 - r0) * w)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_barrier_every_member_sees_what_the_others_wrote_before_it() {
        let (members, rounds) = (4, 2000);
        let slots: Vec<AtomicUsize> = (0..members).map(|_| AtomicUsize::new(usize::MAX)).collect();
        run(members, |i, barrier| {
            for round in 0..rounds {
                slots[i].store(round, Ordering::Relaxed);
                barrier.wait();
                for slot in &slots {
                    assert_eq!(slot.load(Ordering::Relaxed), round, "member {i}, round {round}");
                }
                barrier.wait();
            }
        });
    }

    #[test]
    fn a_member_that_panics_fails_the_run_instead_of_hanging_the_others() {
        for panicking in 0..2 {
            let run_result = std::panic::catch_unwind(|| {
                run(2, |i, barrier| {
                    barrier.wait();
                    assert!(i != panicking, "member {i} fails on purpose");
                    barrier.wait();
                })
            });
            assert!(run_result.is_err(), "member {panicking}");
        }
    }

    #[test]
    fn parts_cover_the_range_in_whole_units() {
        assert_eq!((0..3).map(|i| part(100, 16, 3, i)).collect::<Vec<_>>(), [(0, 32), (32, 64), (64, 100)]);
        assert_eq!((0..2).map(|i| part(10, 1, 2, i)).collect::<Vec<_>>(), [(0, 5), (5, 10)]);
        assert_eq!(part(0, 16, 2, 1), (0, 0));
    }
}
