//! Whole-sequence recurrent kernels on the big shape of the benchmarks (n_x=256, n_a=512,
//! m=64, T=100): forward and forward+backward, f32 and f64, 1 and 2 threads, in ms and
//! GFLOP/s (the GEMM flops: forward 2·T·B·(X+H)·G·H, backward twice that).
//!
//!     cargo run --offline --release --example lstm_seq -p recur-kernels \
//!         [-- lstm|gru|rnn] [f32|f64] [--fwd] [--threads N[,N...]] [--reps N] [--shape T,B,X,H]
//!
//! Respects RECUR_ISA. Best and median wall-clock ms of --reps (default 5) after one
//! warm-up call, and the best process CPU time ("cpu"): on a shared, overloaded machine the
//! wall clock mostly measures the scheduler, while CPU time shows what the threads did
//! (with 2 threads it is their sum). The thread counts take turns within each repetition,
//! so their ratio holds up while the machine's speed drifts. Compare numbers from one run.

use recur_kernels::float::Float;
use recur_kernels::gemm::{isa, set_num_threads};
use recur_kernels::recurrent::{recurrent_backward, recurrent_forward, CellKind, RecurrentBackward, RecurrentForward};
use std::time::Instant;

#[path = "common/cpu_time.rs"]
mod cpu_time;
use cpu_time::process_cpu_seconds;

struct Opts {
    cell: CellKind,
    types: Vec<&'static str>,
    fwd_only: bool,
    threads: Vec<usize>,
    reps: usize,
    shape: (usize, usize, usize, usize),
}

fn parse() -> Opts {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |s: &str| args.iter().any(|a| a == s);
    let value = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let cell = if has("gru") {
        CellKind::Gru
    } else if has("rnn") {
        CellKind::Rnn
    } else {
        CellKind::Lstm
    };
    let types = match (has("f32"), has("f64")) {
        (true, false) => vec!["f32"],
        (false, true) => vec!["f64"],
        _ => vec!["f32", "f64"],
    };
    let threads = value("--threads")
        .map_or(vec![1, 2], |v| v.split(',').map(|n| n.parse().expect("--threads N[,N...]")).collect());
    let reps = value("--reps").map_or(5, |v| v.parse().expect("--reps N"));
    let shape = value("--shape").map_or((100, 64, 256, 512), |v| {
        let p: Vec<usize> = v.split(',').map(|x| x.parse().expect("--shape T,B,X,H")).collect();
        (p[0], p[1], p[2], p[3])
    });
    Opts { cell, types, fwd_only: has("--fwd"), threads, reps, shape }
}

fn main() {
    let o = parse();
    let (t, b, x, h) = o.shape;
    let gh = o.cell.gate_count() * h;
    let fwd_flops = 2.0 * (t * b * (x + h) * gh) as f64;
    println!(
        "{:?} T={t} B={b} X={x} H={h} | path {} | forward {:.1} GFLOP, backward {:.1} GFLOP | best (median) of {}",
        o.cell,
        isa().name(),
        fwd_flops * 1e-9,
        2.0 * fwd_flops * 1e-9,
        o.reps
    );
    for ty in &o.types {
        let all = if *ty == "f32" { measure::<f32>(&o) } else { measure::<f64>(&o) };
        for (&threads, r) in o.threads.iter().zip(all) {
            let gf = |ms: f64, flops: f64| flops / (ms * 1e-3) * 1e-9;
            let mut line = format!(
                "{ty} {threads}t  forward {} ({}) {:>6.1} GF/s cpu {}",
                time(r.fwd.0),
                time(r.fwd.1),
                gf(r.fwd.0, fwd_flops),
                time(r.fwd.2)
            );
            if let Some(fb) = r.fwd_bwd {
                line += &format!(
                    " | fwd+bwd {} ({}) {:>6.1} GF/s cpu {}",
                    time(fb.0),
                    time(fb.1),
                    gf(fb.0, 3.0 * fwd_flops),
                    time(fb.2)
                );
            }
            println!("{line}");
        }
    }
    set_num_threads(0);
}

/// ms, or µs below a millisecond.
fn time(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:>7.1} µs", ms * 1e3)
    } else {
        format!("{ms:>7.1} ms")
    }
}

struct Timings {
    fwd: (f64, f64, f64),
    fwd_bwd: Option<(f64, f64, f64)>,
}

/// (best wall, median wall, best cpu) in ms from (wall, cpu) samples.
fn stats(samples: Vec<(f64, f64)>) -> (f64, f64, f64) {
    let mut wall: Vec<f64> = samples.iter().map(|s| s.0).collect();
    wall.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let cpu = samples.iter().map(|s| s.1).fold(f64::MAX, f64::min);
    (wall[0], wall[wall.len() / 2], cpu)
}

/// A stopwatch of wall time and process CPU time, both in ms.
struct Watch(Instant, f64);

impl Watch {
    fn start() -> Watch {
        Watch(Instant::now(), process_cpu_seconds())
    }
    fn ms(&self) -> (f64, f64) {
        (self.0.elapsed().as_secs_f64() * 1e3, (process_cpu_seconds() - self.1) * 1e3)
    }
}

fn data<F: Float>(n: usize, seed: usize, scale: f64) -> Vec<F> {
    (0..n).map(|i| F::from_f64((((i * 7919 + seed * 104729) % 2001) as f64 / 1000.0 - 1.0) * scale)).collect()
}

/// Timings per thread count of `o.threads`, in that order. The thread counts take turns
/// within each repetition, so a drift of the machine's speed hits them alike.
fn measure<F: Float>(o: &Opts) -> Vec<Timings> {
    let (t, b, x, h) = o.shape;
    let cell = o.cell;
    let gh = cell.gate_count() * h;
    let lstm = cell == CellKind::Lstm;
    let xs = data::<F>(t * b * x, 1, 1.0);
    let h0 = data::<F>(b * h, 2, 0.5);
    let c0 = data::<F>(b * h, 3, 0.5);
    let wx = data::<F>(x * gh, 4, 1.0 / (x as f64).sqrt());
    let wh = data::<F>(h * gh, 5, 1.0 / (h as f64).sqrt());
    let bx = data::<F>(gh, 6, 0.1);
    let bhv = data::<F>(gh, 7, 0.1);
    let dhs = data::<F>(t * b * h, 8, 1.0);
    let mut hs = vec![F::ZERO; t * b * h];
    let mut cs = vec![F::ZERO; if lstm { t * b * h } else { 0 }];
    let mut gates = vec![F::ZERO; t * b * cell.gate_store_width(h)];
    let (mut dx, mut dh0, mut dc0) = (vec![F::ZERO; t * b * x], vec![F::ZERO; b * h], vec![F::ZERO; b * h]);
    let (mut dwx, mut dwh, mut dbx, mut dbh) =
        (vec![F::ZERO; x * gh], vec![F::ZERO; h * gh], vec![F::ZERO; gh], vec![F::ZERO; gh]);

    let forward = |hs: &mut [F], cs: &mut [F], gates: &mut [F]| {
        recurrent_forward(RecurrentForward {
            cell,
            reset_after: true,
            activation: Default::default(),
            recurrent_activation: Default::default(),
            t,
            b,
            x_dim: x,
            h,
            x: &xs,
            h0: &h0,
            c0: lstm.then_some(&c0[..]),
            wx: &wx,
            wh: &wh,
            bx: &bx,
            bh: Some(&bhv),
            lengths: None,
            hs,
            cs: lstm.then_some(cs),
            gates,
        })
        .expect("valid forward");
    };
    let runs = o.threads.len();
    let mut fwd_ms = vec![Vec::new(); runs];
    for rep in 0..=o.reps {
        for (i, &threads) in o.threads.iter().enumerate() {
            set_num_threads(threads);
            let watch = Watch::start();
            forward(&mut hs, &mut cs, &mut gates);
            if rep > 0 {
                fwd_ms[i].push(watch.ms());
            }
        }
    }
    let checksum: f64 = hs.iter().map(|v| v.to_f64()).sum();
    std::hint::black_box(checksum);
    if o.fwd_only {
        return fwd_ms.into_iter().map(|f| Timings { fwd: stats(f), fwd_bwd: None }).collect();
    }
    let mut fb_ms = vec![Vec::new(); runs];
    for rep in 0..=o.reps {
        for (i, &threads) in o.threads.iter().enumerate() {
            set_num_threads(threads);
            let watch = Watch::start();
            forward(&mut hs, &mut cs, &mut gates);
            recurrent_backward(RecurrentBackward {
                cell,
                reset_after: true,
                activation: Default::default(),
                recurrent_activation: Default::default(),
                t,
                b,
                x_dim: x,
                h,
                x: &xs,
                h0: &h0,
                c0: lstm.then_some(&c0[..]),
                wx: &wx,
                wh: &wh,
                bh: Some(&bhv),
                lengths: None,
                hs: &hs,
                cs: lstm.then_some(&cs[..]),
                gates: &gates,
                dhs: Some(&dhs),
                dh_t: None,
                dc_t: None,
                dx: &mut dx,
                dh0: &mut dh0,
                dc0: lstm.then_some(&mut dc0[..]),
                dwx: &mut dwx,
                dwh: &mut dwh,
                dbx: &mut dbx,
                dbh: Some(&mut dbh),
            })
            .expect("valid backward");
            if rep > 0 {
                fb_ms[i].push(watch.ms());
            }
        }
    }
    std::hint::black_box(&dwx);
    fwd_ms.into_iter().zip(fb_ms).map(|(f, fb)| Timings { fwd: stats(f), fwd_bwd: Some(stats(fb)) }).collect()
}
