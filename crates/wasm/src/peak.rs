//! The machine's simd128 multiply+add peak, for the benchmark's "% of peak" line: a loop of
//! independent f32x4 multiplies and adds (no FMA in baseline simd128), enough chains to
//! hide their latency. `recur_peak_mul_add(iters)` runs `iters` iterations of
//! `recur_peak_flops_per_iter()` flops and returns a sum so the work cannot be optimised away.

/// Flops one iteration of the loop does (12 mul chains + 12 add chains, 4 lanes each).
#[no_mangle]
pub extern "C" fn recur_peak_flops_per_iter() -> u32 {
    CHAINS as u32 * 2 * 4
}

const CHAINS: usize = 12;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[no_mangle]
pub extern "C" fn recur_peak_mul_add(iters: u32) -> f32 {
    use core::arch::wasm32::*;
    let mut m = [f32x4_splat(1.0); CHAINS];
    let mut a = [f32x4_splat(0.0); CHAINS];
    let (mul, add) = (f32x4_splat(0.999_999), f32x4_splat(1e-7));
    for _ in 0..iters {
        for j in 0..CHAINS {
            m[j] = f32x4_mul(m[j], mul);
            a[j] = f32x4_add(a[j], add);
        }
    }
    let mut s = f32x4_splat(0.0);
    for j in 0..CHAINS {
        s = f32x4_add(s, f32x4_add(m[j], a[j]));
    }
    f32x4_extract_lane::<0>(s)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[no_mangle]
pub extern "C" fn recur_peak_mul_add(iters: u32) -> f32 {
    let mut m = [1.0f32; CHAINS * 4];
    let mut a = [0.0f32; CHAINS * 4];
    for _ in 0..iters {
        for j in 0..CHAINS * 4 {
            m[j] *= 0.999_999;
            a[j] += 1e-7;
        }
    }
    m.iter().zip(&a).map(|(m, a)| m + a).sum()
}
