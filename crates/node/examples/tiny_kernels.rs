//! The kernels alone (no Node-API boundary) on the tiny shapes the boundary-overhead scripts
//! in packages/native/scripts use: gemm 1x1x1, the seed head's gemm (40x2x5), lstm with
//! T=B=X=H=1, and rnn/lstm forward and backward on the seed's shape (T=4, B=10, X=3, H=5), f64. Subtracting these from
//! the scripts' per-call times gives the boundary's share.
//!
//!     cargo run --offline --release --example tiny_kernels -p recur-node
//!
//! Best of many ~0.2 ms rounds: on a shared, loaded machine the minimum is the stable figure.

use recur_kernels::gemm::gemm;
use recur_kernels::recurrent::{recurrent_backward, recurrent_forward, CellKind, RecurrentBackward, RecurrentForward};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn ns_per_call(mut f: impl FnMut()) -> f64 {
    let mut iterations = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        if start.elapsed() > Duration::from_micros(200) || iterations >= 1 << 20 {
            break;
        }
        iterations *= 2;
    }
    let end = Instant::now() + Duration::from_millis(300);
    let mut best = f64::INFINITY;
    while Instant::now() < end {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        best = best.min(start.elapsed().as_nanos() as f64 / iterations as f64);
    }
    best
}

fn filled(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
        .collect()
}

fn sequence(cell: CellKind, (t, b, x, h): (usize, usize, usize, usize)) {
    let gh = cell.gate_count() * h;
    let gw = cell.gate_store_width(h);
    let (xs, h0, c0) = (filled(t * b * x, 1), filled(b * h, 2), filled(b * h, 3));
    let (wx, wh, bx) = (filled(x * gh, 4), filled(h * gh, 5), filled(gh, 6));
    let lstm = cell == CellKind::Lstm;
    let (mut hs, mut cs, mut gates) = (vec![0.0; t * b * h], vec![0.0; t * b * h], vec![0.0; t * b * gw]);
    let mut fwd = || {
        recurrent_forward(RecurrentForward {
            cell,
            reset_after: false,
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
            bh: None,
            lengths: None,
            hs: &mut hs,
            cs: lstm.then_some(&mut cs[..]),
            gates: &mut gates,
        })
        .unwrap();
    };
    let f = ns_per_call(&mut fwd);
    let dhs = filled(t * b * h, 7);
    let (mut dx, mut dh0, mut dc0) = (vec![0.0; t * b * x], vec![0.0; b * h], vec![0.0; b * h]);
    let (mut dwx, mut dwh, mut dbx) = (vec![0.0; x * gh], vec![0.0; h * gh], vec![0.0; gh]);
    let bwd = ns_per_call(|| {
        recurrent_backward(RecurrentBackward {
            cell,
            reset_after: false,
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
            bh: None,
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
            dbh: None,
        })
        .unwrap();
    });
    println!("{cell:?} T={t} B={b} X={x} H={h} f64: forward {f:.0} ns, backward {bwd:.0} ns");
}

fn main() {
    let (a, bm, mut c) = (vec![1.0f64], vec![1.0f64], vec![0.0f64]);
    let g = ns_per_call(|| gemm(false, false, 1, 1, 1, 1.0, black_box(&a), 1, &bm, 1, 0.0, &mut c, 1));
    println!("gemm 1x1x1 f64: {g:.0} ns");
    let (ha, wy, mut logits) = (filled(40 * 5, 8), filled(2 * 5, 9), vec![0.0f64; 40 * 2]);
    let g = ns_per_call(|| gemm(false, true, 40, 2, 5, 1.0, black_box(&ha), 5, &wy, 5, 1.0, &mut logits, 2));
    println!("gemm 40x2x5 (seed head, transB) f64: {g:.0} ns");
    sequence(CellKind::Lstm, (1, 1, 1, 1));
    sequence(CellKind::Rnn, (4, 10, 3, 5));
    sequence(CellKind::Lstm, (4, 10, 3, 5));
}
