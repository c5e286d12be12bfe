//! Integer rounding the crate needs, under names of its own: `usize::div_ceil` and
//! `next_multiple_of` are stable only since Rust 1.73, and the crate must build on 1.63 (the
//! toolchain that has a wasm32 standard library here). Different names, because on 1.63 an
//! unstable inherent method of the same name would win over a trait method and fail.

pub(crate) trait IntRound {
    /// `self / d` rounded up; `d` must not be 0.
    fn ceil_div(self, d: Self) -> Self;
    /// The smallest multiple of `m` that is `>= self`; `m` must not be 0.
    fn round_up(self, m: Self) -> Self;
}

impl IntRound for usize {
    #[inline]
    fn ceil_div(self, d: usize) -> usize {
        let q = self / d;
        if self % d == 0 {
            q
        } else {
            q + 1
        }
    }
    #[inline]
    fn round_up(self, m: usize) -> usize {
        self.ceil_div(m) * m
    }
}

#[cfg(test)]
mod tests {
    use super::IntRound;

    #[test]
    fn ceil_div_and_round_up_match_the_definition() {
        for a in 0..200usize {
            for d in 1..20usize {
                let want = (a as f64 / d as f64).ceil() as usize;
                assert_eq!(a.ceil_div(d), want, "{a} / {d}");
                assert_eq!(a.round_up(d), want * d, "{a} up to {d}");
            }
        }
        assert_eq!(usize::MAX.ceil_div(1), usize::MAX);
        assert_eq!(usize::MAX.ceil_div(2), usize::MAX / 2 + 1);
    }
}
