//! GEMM throughput on this machine: GFLOP/s and % of the theoretical peak for square sizes
//! and the skinny shapes of LSTM training, f32 and f64, 1 and 2 threads.
//!
//!     cargo run --offline --release --example gemm_gflops -p recur-kernels \
//!         [-- f32|f64] [--quick] [--threads N] [--budget-ms MS] [--shape M,K,N[,NN|NT|TN|TT]]...
//!
//! %peak is against "cpu MHz" from /proc/cpuinfo × SIMD lanes of the active path × 2 FMA
//! units × 2 flops, per thread; an FMA-only loop is also timed, since under turbo the core
//! runs faster than "cpu MHz" says. "cpu-time" (1 thread) divides by the process CPU time
//! instead of the wall clock: on a shared, overloaded machine it shows what the kernel does
//! while it has the core. "%fma" is against the FMA-only loop of the same run (per thread).
//! Respects RECUR_ISA. Best of several repetitions is reported.

use recur_kernels::float::Float;
use recur_kernels::gemm::{gemm, gemm_packed_b, isa, set_num_threads, Isa, PackedB};
use std::time::{Duration, Instant};

#[path = "common/cpu_time.rs"]
mod cpu_time;
use cpu_time::process_cpu_seconds;

/// (label, M, K, N, trans_a, trans_b): C[M×N] = op(A)[M×K]·op(B)[K×N].
const SHAPES: &[(&str, usize, usize, usize, bool, bool)] = &[
    ("square", 256, 256, 256, false, false),
    ("square", 512, 512, 512, false, false),
    ("square", 1024, 1024, 1024, false, false),
    ("square", 2048, 2048, 2048, false, false),
    ("LSTM input projection", 2048, 256, 6400, false, false),
    ("LSTM input proj (T*B rows)", 6400, 256, 2048, false, false),
    ("LSTM recurrent step B=64", 64, 512, 2048, false, false),
    ("LSTM recurrent step B=10", 10, 512, 2048, false, false),
    ("  same, B prepacked (PackedB)", 64, 512, 2048, false, false),
    ("  same, B prepacked, B=10", 10, 512, 2048, false, false),
    ("anchor recurrent step", 2048, 512, 64, false, false),
    ("BPTT dh = dG*Wh^T B=64", 64, 2048, 512, false, true),
    ("  same, Wh^T prepacked", 64, 2048, 512, false, true),
    ("BPTT recurrent step", 512, 2048, 64, false, false),
    ("BPTT weight grad X^T*dG", 2048, 6400, 768, true, false),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let types: Vec<&str> = match args.iter().find(|a| *a == "f32" || *a == "f64") {
        Some(t) => vec![t.as_str()],
        None => vec!["f32", "f64"],
    };
    let threads_list: Vec<usize> = match args.iter().position(|a| a == "--threads") {
        Some(i) => vec![args[i + 1].parse().expect("--threads N")],
        None => vec![1, 2],
    };
    let custom: Vec<(&str, usize, usize, usize, bool, bool)> =
        args.windows(2).filter(|w| w[0] == "--shape").map(|w| parse_shape(&w[1])).collect();
    let shapes = if custom.is_empty() { SHAPES.to_vec() } else { custom };
    let mhz = cpu_mhz();
    let active = isa();
    println!("path {} | cpu {:.0} MHz (from /proc/cpuinfo) | best of reps after warm-up", active.name(), mhz);
    for ty in types {
        let lanes = lanes(active, ty);
        let peak1 = mhz * 1e-3 * lanes as f64 * 2.0 * 2.0;
        println!("\n{ty}: peak per core {peak1:.1} GFLOP/s ({lanes} lanes x 2 FMA units x 2 flops x {mhz:.0} MHz)");
        let fma = fma_peak(active, ty == "f32");
        if let Some((wall, cpu)) = fma {
            println!(
                "{ty}: FMA-only loop on this core: {wall:.1} GFLOP/s wall, {cpu:.1} by cpu time \
                 (the clock runs above \"cpu MHz\" under turbo)"
            );
        }
        // The FMA loop measured in this run is the fair per-core peak on a drifting clock.
        let fma1 = fma.map_or(f64::NAN, |(wall, _)| wall);
        let mut header = format!("{:<28} {:>5} {:>5} {:>5} {:>3}", "shape", "M", "K", "N", "op");
        for t in &threads_list {
            header += &format!(" | {:>9} {:>6} {:>5}", format!("{t}t GF/s"), "%peak", "%fma");
            if *t == 1 {
                header += &format!(" {:>8}", "cpu-time");
            }
        }
        println!("{header}");
        for &(label, m, k, n, ta, tb) in &shapes {
            if quick && m * n * k > 1 << 31 {
                continue;
            }
            let mut line = format!("{label:<28} {m:>5} {k:>5} {n:>5} {:>3}", op_name(ta, tb));
            for &threads in &threads_list {
                set_num_threads(threads);
                let packed = label.contains("prepacked");
                let (gf, gf_cpu) = if ty == "f32" {
                    measure::<f32>(m, k, n, ta, tb, threads, packed)
                } else {
                    measure::<f64>(m, k, n, ta, tb, threads, packed)
                };
                let per_core = gf / threads as f64;
                line += &format!(" | {gf:>9.1} {:>5.0}% {:>4.0}%", 100.0 * per_core / peak1, 100.0 * per_core / fma1);
                if threads == 1 {
                    // Process CPU time is exact for the calling thread only.
                    line += &format!(" {gf_cpu:>8.1}");
                }
            }
            println!("{line}");
        }
    }
    set_num_threads(0);
}

fn parse_shape(s: &str) -> (&'static str, usize, usize, usize, bool, bool) {
    let parts: Vec<&str> = s.split(',').collect();
    let dim = |i: usize| parts.get(i).and_then(|v| v.parse().ok()).expect("--shape M,K,N[,op]");
    let op = parts.get(3).copied().unwrap_or("NN").to_ascii_uppercase();
    ("custom", dim(0), dim(1), dim(2), op.starts_with('T'), op.ends_with('T'))
}

fn op_name(ta: bool, tb: bool) -> &'static str {
    match (ta, tb) {
        (false, false) => "NN",
        (false, true) => "NT",
        (true, false) => "TN",
        (true, true) => "TT",
    }
}

/// Best GFLOP/s over repetitions (at least 3, until the time budget is spent, at most 1000;
/// --budget-ms, default 400): by wall
/// clock, and by process CPU time (what the threads would do with cores to themselves; on a
/// shared, overloaded machine the wall clock mostly measures the scheduler).
/// `packed`: B packed once beforehand (PackedB), only the products are timed.
#[allow(clippy::too_many_arguments)]
fn measure<F: Float>(m: usize, k: usize, n: usize, ta: bool, tb: bool, threads: usize, packed: bool) -> (f64, f64) {
    let a: Vec<F> = (0..m * k).map(|i| F::from_f64(((i * 7 % 13) as f64 - 6.0) / 8.0)).collect();
    let b: Vec<F> = (0..k * n).map(|i| F::from_f64(((i * 5 % 11) as f64 - 5.0) / 8.0)).collect();
    let mut c = vec![F::ZERO; m * n];
    let (lda, ldb) = (if ta { m } else { k }, if tb { k } else { n });
    let pb = packed.then(|| PackedB::new(tb, k, n, &b, ldb));
    let mut run = || {
        let (t, cpu) = (Instant::now(), process_cpu_seconds());
        match &pb {
            Some(pb) => gemm_packed_b(ta, m, F::ONE, &a, lda, pb, F::ZERO, &mut c, n),
            None => gemm(ta, tb, m, n, k, F::ONE, &a, lda, &b, ldb, F::ZERO, &mut c, n),
        }
        (t.elapsed(), process_cpu_seconds() - cpu)
    };
    run();
    let (mut best, mut best_cpu, mut spent, mut reps) = (Duration::MAX, f64::MAX, Duration::ZERO, 0);
    while reps < 3 || (spent < budget() && reps < 1000) {
        let (t, cpu) = run();
        best = best.min(t);
        best_cpu = best_cpu.min(cpu);
        spent += t;
        reps += 1;
    }
    let flops = 2.0 * (m * n * k) as f64;
    (flops / best.as_secs_f64() * 1e-9, flops / (best_cpu / threads as f64) * 1e-9)
}

fn budget() -> Duration {
    let args: Vec<String> = std::env::args().collect();
    let ms = args.windows(2).find(|w| w[0] == "--budget-ms").map(|w| w[1].parse().expect("--budget-ms N"));
    Duration::from_millis(ms.unwrap_or(400))
}

fn lanes(isa: Isa, ty: &str) -> usize {
    let bits = match isa {
        Isa::Avx512 => 512,
        Isa::Avx2 => 256,
        Isa::Scalar | Isa::Simd128 => 128,
    };
    bits / if ty == "f32" { 32 } else { 64 }
}

fn cpu_mhz() -> f64 {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("cpu MHz"))
                .and_then(|l| l.split(':').nth(1))
                .and_then(|v| v.trim().parse::<f64>().ok())
        })
        .unwrap_or(f64::NAN)
}

/// GFLOP/s of an FMA-only loop (12 independent accumulator chains) on the active path:
/// (best wall clock, best by CPU time), or None on the portable path.
fn fma_peak(isa: Isa, f32: bool) -> Option<(f64, f64)> {
    let run: fn(usize) -> f64 = match (isa, f32) {
        #[cfg(target_arch = "x86_64")]
        (Isa::Avx2, true) => |n| unsafe { fma_chains::avx2_f32(n) },
        #[cfg(target_arch = "x86_64")]
        (Isa::Avx2, false) => |n| unsafe { fma_chains::avx2_f64(n) },
        #[cfg(target_arch = "x86_64")]
        (Isa::Avx512, true) => |n| unsafe { fma_chains::avx512_f32(n) },
        #[cfg(target_arch = "x86_64")]
        (Isa::Avx512, false) => |n| unsafe { fma_chains::avx512_f64(n) },
        _ => return None,
    };
    let lanes = lanes(isa, if f32 { "f32" } else { "f64" });
    let iters = 4_000_000;
    let flops = (iters * 12 * lanes * 2) as f64;
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..7 {
        let (t, cpu) = (Instant::now(), process_cpu_seconds());
        std::hint::black_box(run(iters));
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(process_cpu_seconds() - cpu);
    }
    Some((flops / best * 1e-9, flops / best_cpu * 1e-9))
}

#[cfg(target_arch = "x86_64")]
mod fma_chains {
    use std::arch::x86_64::*;

    macro_rules! chains {
        ($name:ident, $feat:literal, $set1:ident, $fma:ident, $add:ident, $store:ident, $t:ty, $lanes:expr) => {
            #[target_feature(enable = $feat)]
            pub unsafe fn $name(iters: usize) -> f64 {
                let x = $set1(std::hint::black_box(0.999 as $t));
                let y = $set1(std::hint::black_box(0.001 as $t));
                let mut acc = [$set1(1.0 as $t); 12];
                for _ in 0..iters {
                    for a in acc.iter_mut() {
                        *a = $fma(*a, x, y);
                    }
                }
                let mut s = acc[0];
                for a in &acc[1..] {
                    s = $add(s, *a);
                }
                let mut out = [0.0 as $t; $lanes];
                $store(out.as_mut_ptr(), s);
                out.iter().map(|&v| v as f64).sum()
            }
        };
    }
    chains!(avx2_f32, "avx2,fma", _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, _mm256_storeu_ps, f32, 8);
    chains!(avx2_f64, "avx2,fma", _mm256_set1_pd, _mm256_fmadd_pd, _mm256_add_pd, _mm256_storeu_pd, f64, 4);
    chains!(avx512_f32, "avx512f", _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_storeu_ps, f32, 16);
    chains!(avx512_f64, "avx512f", _mm512_set1_pd, _mm512_fmadd_pd, _mm512_add_pd, _mm512_storeu_pd, f64, 8);
}
