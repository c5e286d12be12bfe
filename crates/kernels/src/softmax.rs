//! Row-wise softmax, in place, computed stably: exp(x - max) / sum. Exponentials and the sum
//! are taken in f64 for both element types (like the TS reference, which computes in
//! doubles), so float32 results are the correctly rounded float64 ones up to one rounding.

use crate::float::Float;

/// Each of `rows` rows of length `cols` at the start of `data` becomes softmax(row).
/// Panics if `data` holds fewer than rows*cols values (the binding checks first).
pub fn softmax_rows<F: Float>(data: &mut [F], rows: usize, cols: usize) {
    let total = rows.checked_mul(cols).expect("softmax_rows: rows*cols overflows");
    assert!(data.len() >= total, "softmax_rows: data has {} values, needs {total}", data.len());
    if cols == 0 {
        return;
    }
    for row in data[..total].chunks_exact_mut(cols) {
        let mut max = f64::NEG_INFINITY;
        for &v in row.iter() {
            let v = v.to_f64();
            if v > max {
                max = v;
            }
        }
        let mut sum = 0.0f64;
        for v in row.iter_mut() {
            let e = (v.to_f64() - max).exp();
            *v = F::from_f64(e);
            sum += e;
        }
        for v in row.iter_mut() {
            *v = F::from_f64(v.to_f64() / sum);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::softmax_rows;

    /// Oracle without max-subtraction: p_i = 1 / sum_j exp(x_j - x_i).
    fn oracle(row: &[f64]) -> Vec<f64> {
        row.iter().map(|&xi| 1.0 / row.iter().map(|&xj| (xj - xi).exp()).sum::<f64>()).collect()
    }

    #[test]
    fn rows_match_the_oracle_without_overflow() {
        let rows: [&[f64]; 4] = [&[1.0, 2.0, 3.0], &[1000.0, 1000.0, 999.0], &[-1000.0, -1001.0, -1002.5], &[3.0; 3]];
        let mut data: Vec<f64> = rows.concat();
        softmax_rows(&mut data, 4, 3);
        for (r, row) in rows.iter().enumerate() {
            for (got, want) in data[r * 3..r * 3 + 3].iter().zip(oracle(row)) {
                assert!((got - want).abs() <= 1e-15 * want, "{got} vs {want}");
            }
        }
    }

    #[test]
    fn empty_shapes_and_trailing_data_are_untouched() {
        let mut data = [1.0f32, 2.0, 7.0];
        softmax_rows(&mut data, 0, 3);
        softmax_rows(&mut data, 3, 0);
        assert_eq!(data, [1.0, 2.0, 7.0]);
        softmax_rows(&mut data, 1, 2);
        assert_eq!(data[2], 7.0);
        assert!((data[0] + data[1] - 1.0).abs() < 1e-7);
    }
}
