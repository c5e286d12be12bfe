//! The machine's simd128 multiply+add peak, for the benchmark's "% of peak" line. simd128
//! has no FMA, so the ceiling of a wasm GEMM is one f32x4 multiply and one f32x4 add per
//! accumulator update. The loop runs CHAINS independent chains acc = acc + acc·c (a
//! multiply, then an add that depends on it: nothing to hoist or fold without fast-math),
//! enough chains to cover both latencies on 2 multiply and 2 add pipes.
//! `recur_peak_mul_add(iters)` runs `iters` iterations of `recur_peak_flops_per_iter()`
//! flops and returns a sum so the work cannot be optimised away.

/// 13 chains + the constant + one product = 15 vector registers, what V8 allocates on
/// x86-64 (more would spill); 13 chains of 2 dependent ops cover a 3-cycle latency.
const CHAINS: usize = 13;

/// Flops one iteration does: CHAINS multiplies and CHAINS adds of 4 lanes.
#[no_mangle]
pub extern "C" fn recur_peak_flops_per_iter() -> u32 {
    CHAINS as u32 * 2 * 4
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[no_mangle]
pub extern "C" fn recur_peak_mul_add(iters: u32) -> f32 {
    use core::arch::wasm32::*;
    // Read through volatile loads, so the compiler cannot evaluate the loop at build time
    // (with known constants it would find acc unchanged and delete the loop).
    let (one, step) = unsafe { (core::ptr::read_volatile(&1.0f32), core::ptr::read_volatile(&(1.0f32 / 1048576.0))) };
    let mut acc = [f32x4_splat(one); CHAINS];
    for (j, a) in acc.iter_mut().enumerate() {
        *a = f32x4_splat(one + j as f32 * 1e-3);
    }
    // acc grows by (1 + 2^-20)^iters: e^1.9 at the benchmark's 2·10^6 iterations; inf (not NaN) far beyond.
    let c = f32x4_splat(step);
    for _ in 0..iters {
        for a in acc.iter_mut() {
            *a = f32x4_add(*a, f32x4_mul(*a, c));
        }
    }
    let mut s = f32x4_splat(0.0);
    for a in acc {
        s = f32x4_add(s, a);
    }
    f32x4_extract_lane::<0>(s)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[no_mangle]
pub extern "C" fn recur_peak_mul_add(iters: u32) -> f32 {
    let step = unsafe { core::ptr::read_volatile(&(1.0f32 / 1048576.0)) };
    let mut acc = [1.0f32; CHAINS * 4];
    for _ in 0..iters {
        for a in acc.iter_mut() {
            *a += *a * step;
        }
    }
    acc.iter().sum()
}
