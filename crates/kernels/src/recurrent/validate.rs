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

pub fn forward<F: Float>(a: &RecurrentForward<'_, F>) -> Result<Dims, String> {
    let k = "recurrentForward";
    let d = dims_of(k, a.cell, a.t, a.b, a.x_dim, a.h)?;
    let (t, b, x, h, gh) = (d.t, d.b, d.x, d.h, d.gh);
    let lstm = a.cell == CellKind::Lstm;
    check_len(k, "x", a.x.len(), "[T, B, X]", &[t, b, x])?;
    check_len(k, "h0", a.h0.len(), "[B, H]", &[b, h])?;
    check_opt(k, "c0", a.c0.map(<[F]>::len).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "wx", a.wx.len(), "[X, G*H]", &[x, gh])?;
    check_len(k, "wh", a.wh.len(), "[H, G*H]", &[h, gh])?;
    check_len(k, "bx", a.bx.len(), "[G*H]", &[gh])?;
    check_opt(k, "bh", a.bh.map(<[F]>::len), "[G*H]", &[gh])?;
    check_lengths(k, a.lengths, t, b)?;
    check_len(k, "hs", a.hs.len(), "[T, B, H]", &[t, b, h])?;
    check_cs_present(k, a.cell, a.cs.is_some())?;
    check_opt(k, "cs", a.cs.as_deref().map(<[F]>::len).filter(|_| lstm), "[T, B, H]", &[t, b, h])?;
    check_len(k, "gates", a.gates.len(), "[T, B, gateStoreWidth]", &[t, b, d.store])?;
    Ok(d)
}

pub fn backward<F: Float>(a: &RecurrentBackward<'_, F>) -> Result<Dims, String> {
    let k = "recurrentBackward";
    let d = dims_of(k, a.cell, a.t, a.b, a.x_dim, a.h)?;
    let (t, b, x, h, gh) = (d.t, d.b, d.x, d.h, d.gh);
    let lstm = a.cell == CellKind::Lstm;
    check_len(k, "x", a.x.len(), "[T, B, X]", &[t, b, x])?;
    check_len(k, "h0", a.h0.len(), "[B, H]", &[b, h])?;
    check_opt(k, "c0", a.c0.map(<[F]>::len).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "wx", a.wx.len(), "[X, G*H]", &[x, gh])?;
    check_len(k, "wh", a.wh.len(), "[H, G*H]", &[h, gh])?;
    check_opt(k, "bh", a.bh.map(<[F]>::len), "[G*H]", &[gh])?;
    check_lengths(k, a.lengths, t, b)?;
    check_len(k, "hs", a.hs.len(), "[T, B, H]", &[t, b, h])?;
    check_cs_present(k, a.cell, a.cs.is_some())?;
    check_opt(k, "cs", a.cs.map(<[F]>::len).filter(|_| lstm), "[T, B, H]", &[t, b, h])?;
    check_len(k, "gates", a.gates.len(), "[T, B, gateStoreWidth]", &[t, b, d.store])?;
    check_opt(k, "dhs", a.dhs.map(<[F]>::len), "[T, B, H]", &[t, b, h])?;
    check_opt(k, "dhT", a.dh_t.map(<[F]>::len), "[B, H]", &[b, h])?;
    check_opt(k, "dcT", a.dc_t.map(<[F]>::len).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "dx", a.dx.len(), "[T, B, X]", &[t, b, x])?;
    check_len(k, "dh0", a.dh0.len(), "[B, H]", &[b, h])?;
    check_opt(k, "dc0", a.dc0.as_deref().map(<[F]>::len).filter(|_| lstm), "[B, H]", &[b, h])?;
    check_len(k, "dwx", a.dwx.len(), "[X, G*H]", &[x, gh])?;
    check_len(k, "dwh", a.dwh.len(), "[H, G*H]", &[h, gh])?;
    check_len(k, "dbx", a.dbx.len(), "[G*H]", &[gh])?;
    check_opt(k, "dbh", a.dbh.as_deref().map(<[F]>::len), "[G*H]", &[gh])?;
    Ok(d)
}
