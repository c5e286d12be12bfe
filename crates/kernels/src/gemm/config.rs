//! Run-time choices of the GEMM: which instruction set and how many threads. Both start
//! from environment variables (RECUR_ISA, RECUR_NUM_THREADS) read once, and can be changed
//! by the program afterwards. Neither changes results beyond the ISA's own rounding: the
//! thread count never does.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// An instruction-set path of the GEMM. `Scalar` is portable Rust (whatever the compiler
/// vectorises for the baseline target); the others use `std::arch` intrinsics. `Simd128`
/// is WebAssembly SIMD, present when the module was built with it (no run-time detection
/// in wasm); the x86 paths exist only on x86-64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Isa {
    Scalar,
    Simd128,
    Avx2,
    Avx512,
}

impl Isa {
    pub fn name(self) -> &'static str {
        match self {
            Isa::Scalar => "scalar",
            Isa::Simd128 => "simd128",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
        }
    }

    /// Parses the spelling used by RECUR_ISA (case-insensitive).
    pub fn parse(s: &str) -> Option<Isa> {
        match s.trim().to_ascii_lowercase().as_str() {
            "scalar" => Some(Isa::Scalar),
            "simd128" => Some(Isa::Simd128),
            "avx2" => Some(Isa::Avx2),
            "avx512" | "avx-512" | "avx512f" => Some(Isa::Avx512),
            _ => None,
        }
    }

    /// Whether this CPU can run the path.
    pub fn is_supported(self) -> bool {
        match self {
            Isa::Scalar => true,
            Isa::Simd128 => cfg!(all(target_arch = "wasm32", target_feature = "simd128")),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => is_x86_feature_detected!("avx512f") && Isa::Avx2.is_supported(),
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The best path at or below `self` that this CPU supports (never fails: scalar is last).
    pub fn supported_at_most(self) -> Isa {
        [Isa::Avx512, Isa::Avx2, Isa::Simd128, Isa::Scalar]
            .into_iter()
            .find(|isa| *isa <= self && isa.is_supported())
            .unwrap_or(Isa::Scalar)
    }

    /// The fastest path this CPU supports.
    pub fn best_supported() -> Isa {
        Isa::Avx512.supported_at_most()
    }

    fn to_u8(self) -> u8 {
        self as u8 + 1
    }

    fn from_u8(v: u8) -> Option<Isa> {
        match v {
            1 => Some(Isa::Scalar),
            2 => Some(Isa::Simd128),
            3 => Some(Isa::Avx2),
            4 => Some(Isa::Avx512),
            _ => None,
        }
    }
}

// 0 = not decided yet; otherwise Isa::to_u8 of the path in use.
static ISA: AtomicU8 = AtomicU8::new(0);
// 0 = not decided yet.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// The path `gemm` uses: RECUR_ISA if set (falling back to the best supported path at or
/// below it when the CPU lacks it), else the best the CPU supports.
pub fn isa() -> Isa {
    if let Some(isa) = Isa::from_u8(ISA.load(Ordering::Relaxed)) {
        return isa;
    }
    let wanted = std::env::var("RECUR_ISA").ok().and_then(|s| Isa::parse(&s));
    let isa = wanted.unwrap_or(Isa::Avx512).supported_at_most();
    ISA.store(isa.to_u8(), Ordering::Relaxed);
    isa
}

/// Forces a path (None: back to the best supported). An unsupported request falls back to
/// the best supported path below it; returns the path actually in use.
pub fn force_isa(wanted: Option<Isa>) -> Isa {
    let isa = wanted.unwrap_or(Isa::Avx512).supported_at_most();
    ISA.store(isa.to_u8(), Ordering::Relaxed);
    isa
}

/// Threads `gemm` may use: set_num_threads if called, else RECUR_NUM_THREADS, else
/// std::thread::available_parallelism.
pub fn num_threads() -> usize {
    let n = THREADS.load(Ordering::Relaxed);
    if n != 0 {
        return n;
    }
    let n = std::env::var("RECUR_NUM_THREADS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(default_threads);
    let n = usable_threads(n);
    THREADS.store(n, Ordering::Relaxed);
    n
}

/// Sets the thread count; 0 restores the default (available_parallelism, ignoring the env).
pub fn set_num_threads(n: usize) {
    let n = usable_threads(if n == 0 { default_threads() } else { n });
    THREADS.store(n, Ordering::Relaxed);
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// The thread count actually used: `n`, except on wasm32, which has no threads
/// (`std::thread::spawn` panics there), so always one.
fn usable_threads(n: usize) -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        n
    }
}
