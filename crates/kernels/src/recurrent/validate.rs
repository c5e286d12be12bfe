//! Argument checks for the whole-sequence kernels. Every slice length is checked against
//! the dims and every `lengths` value against 0..=T before any work starts, so a bad call
//! returns Err (a RangeError in JS) instead of panicking half-way through.

use super::args::{CellKind, RecurrentBackward, RecurrentForward};
use crate::float::Float;

/// Sizes derived from the dims once validation succeeded.
#[derive(Clone, Copy, Debug)]
pub struct Dims {
    pub t: usize,
    pub b: usize,
    pub x: usize,
    pub h: usize,
    /// G*H, the width of one row of pre-activations.
    pub gh: usize,
    /// Values stored per (t, b) in `gates`.
    pub store: usize,
}

fn product(name: &str, factors: &[usize]) -> Result<usize, String> {
    factors
        .iter()
        .try_fold(1usize, |acc, &f| acc.checked_mul(f))
        .ok_or_else(|| format!("{name}: size {factors:?} overflows usize"))
}

fn dims_of(kernel: &str, cell: CellKind, t: usize, b: usize, x: usize, h: usize) -> Result<Dims, String> {
    let g = cell.gate_count();
    let gh = product(&format!("{kernel}: G*H"), &[g, h])?;
    let store = product(&format!("{kernel}: gate store width"), &[cell.gate_store_width(1), h])?;
    // The largest buffers: [T*B, G*H] pre-activations and the gate store.
    product(&format!("{kernel}: T*B*G*H"), &[t, b, gh.max(store).max(x)])?;
    Ok(Dims { t, b, x, h, gh, store })
}

/// Checks one slice: `shape` names the dims, e.g. "[T, B, X]", `sizes` their values.
fn check_len(kernel: &str, arg: &str, actual: usize, shape: &str, sizes: &[usize]) -> Result<(), String> {
    let expected = product(&format!("{kernel}: {arg}"), sizes)?;
    if actual == expected {
        return Ok(());
    }
    let dims: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
    Err(format!("{kernel}: {arg} has {actual} elements, expected {expected} = {shape} ({})", dims.join(", ")))
}

fn check_opt(kernel: &str, arg: &str, actual: Option<usize>, shape: &str, sizes: &[usize]) -> Result<(), String> {
    match actual {
        Some(len) => check_len(kernel, arg, len, shape, sizes),
        None => Ok(()),
    }
}

/// The LSTM requires its cell states `cs`; the other cells ignore every cell-state argument
/// (as the TS backend does), so only the LSTM's are checked.
fn check_cs_present(kernel: &str, cell: CellKind, present: bool) -> Result<(), String> {
    if cell == CellKind::Lstm && !present {
        return Err(format!("{kernel}: cs (cell states [T, B, H]) is required for the lstm cell"));
    }
    Ok(())
}

fn check_lengths(kernel: &str, lengths: Option<&[i32]>, t: usize, b: usize) -> Result<(), String> {
    let lengths = match lengths {
        Some(lengths) => lengths,
        None => return Ok(()),
    };
    check_len(kernel, "lengths", lengths.len(), "[B]", &[b])?;
    for (i, &len) in lengths.iter().enumerate() {
        if len < 0 || len as usize > t {
            return Err(format!("{kernel}: lengths[{i}] = {len} is outside 0..={t} (T)"));
        }
    }
    Ok(())
}

fn len<F>(s: Option<&[F]>) -> Option<usize> {
    s.map(<[F]>::len)
}

/// Checks what both calls take, x through gates, on a RecurrentForward or RecurrentBackward
/// `$a`: the fields have the same names in both (a macro, as the structs stay flat like the
/// TS interfaces they mirror). `$bx`: the length of bx, which only forward takes.
macro_rules! check_shared {
    ($k:expr, $d:expr, $a:expr, $bx:expr) => {{
        let (k, d, a) = ($k, $d, $a);
        let (t, b, x, h, gh) = (d.t, d.b, d.x, d.h, d.gh);
        let lstm = a.cell == CellKind::Lstm;
        check_len(k, "x", a.x.len(), "[T, B, X]", &[t, b, x])?;
        check_len(k, "h0", a.h0.len(), "[B, H]", &[b, h])?;
        check_opt(k, "c0", len(a.c0).filter(|_| lstm), "[B, H]", &[b, h])?;
        check_len(k, "wx", a.wx.len(), "[X, G*H]", &[x, gh])?;
        check_len(k, "wh", a.wh.len(), "[H, G*H]", &[h, gh])?;
        check_opt(k, "bx", $bx, "[G*H]", &[gh])?;
        check_opt(k, "bh", len(a.bh), "[G*H]", &[gh])?;
        check_lengths(k, a.lengths, t, b)?;
        check_len(k, "hs", a.hs.len(), "[T, B, H]", &[t, b, h])?;
        check_cs_present(k, a.cell, a.cs.is_some())?;
        check_opt(k, "cs", len(a.cs.as_deref()).filter(|_| lstm), "[T, B, H]", &[t, b, h])?;
        check_len(k, "gates", a.gates.len(), "[T, B, gateStoreWidth]", &[t, b, d.store])?;
    }};
}

pub fn forward<F: Float>(a: &RecurrentForward<'_, F>) -> Result<Dims, String> {
    let k = "recurrentForward";
    let d = dims_of(k, a.cell, a.t, a.b, a.x_dim, a.h)?;
    check_shared!(k, d, a, Some(a.bx.len()));
    Ok(d)
}

pub fn backward<F: Float>(a: &RecurrentBackward<'_, F>) -> Result<Dims, String> {
    let k = "recurrentBackward";
    let d = dims_of(k, a.cell, a.t, a.b, a.x_dim, a.h)?;
    check_shared!(k, d, a, None);
    let (t, b, x, h, gh) = (d.t, d.b, d.x, d.h, d.gh);
    let lstm = a.cell == CellKind::Lstm;
    check_opt(k, "dhs", len(a.dhs), "[T, B, H]", &[t, b, h])?;
    check_opt(k, "dhT", len(a.dh_t), "[B, H]", &[b, h])?;
    check_opt(k, "dcT", len(a.dc_t).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "dx", a.dx.len(), "[T, B, X]", &[t, b, x])?;
    check_len(k, "dh0", a.dh0.len(), "[B, H]", &[b, h])?;
    check_opt(k, "dc0", len(a.dc0.as_deref()).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "dwx", a.dwx.len(), "[X, G*H]", &[x, gh])?;
    check_len(k, "dwh", a.dwh.len(), "[H, G*H]", &[h, gh])?;
    check_len(k, "dbx", a.dbx.len(), "[G*H]", &[gh])?;
    check_opt(k, "dbh", len(a.dbh.as_deref()), "[G*H]", &[gh])?;
    Ok(d)
}
