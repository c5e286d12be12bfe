//! ISA selection and thread settings.

use super::super::kernels::{f32_kernels, f64_kernels};
use super::*;

#[test]
fn gemm_isa_parse_and_fallback() {
    assert_eq!(Isa::parse("AVX2"), Some(Isa::Avx2));
    assert_eq!(Isa::parse(" scalar "), Some(Isa::Scalar));
    assert_eq!(Isa::parse("avx512"), Some(Isa::Avx512));
    assert_eq!(Isa::parse("sse9"), None);
    // Asking for more than the CPU has falls back to the best it has, never above.
    let best = Isa::best_supported();
    assert!(best.is_supported());
    assert_eq!(Isa::Avx512.supported_at_most(), best);
    assert_eq!(Isa::Scalar.supported_at_most(), Isa::Scalar);
    for isa in [Isa::Scalar, Isa::Avx2, Isa::Avx512] {
        let got = isa.supported_at_most();
        assert!(got <= isa && got.is_supported());
        // The kernel tables handed out are the ones of the path actually used.
        assert_eq!(f32_kernels(got).isa, got);
        assert_eq!(f64_kernels(got).isa, got);
    }
}

#[test]
fn gemm_forcing_unsupported_isa_falls_back_and_computes() {
    // An unsupported path given explicitly runs the fallback instead of faulting.
    let case = Case { trans_a: false, trans_b: true, m: 9, n: 11, k: 7, alpha: 1.0, beta: 0.0, pad: 1 };
    let ops = operands::<f32>(&case, 5);
    let got = run_path(&case, &ops, Driver::Auto, Isa::Avx512, 1);
    check_against_reference(&case, &ops, &got, "forced avx512");
}

#[test]
fn gemm_num_threads_setting() {
    let before = crate::gemm::num_threads();
    assert!(before >= 1);
    crate::gemm::set_num_threads(3);
    assert_eq!(crate::gemm::num_threads(), 3);
    crate::gemm::set_num_threads(0);
    assert_eq!(crate::gemm::num_threads(), std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    crate::gemm::set_num_threads(before);
}

/// Run in a child process by the test below, with RECUR_ISA / RECUR_NUM_THREADS set and
/// the expected values in RECUR_TEST_EXPECT_ISA / RECUR_TEST_EXPECT_THREADS.
#[test]
#[ignore]
fn gemm_env_child_reports_settings() {
    let want_isa = std::env::var("RECUR_TEST_EXPECT_ISA").expect("run by gemm_env_vars_are_honoured");
    let want_threads: usize = std::env::var("RECUR_TEST_EXPECT_THREADS").unwrap().parse().unwrap();
    assert_eq!(crate::gemm::isa().name(), want_isa);
    assert_eq!(crate::gemm::num_threads(), want_threads);
}

/// RECUR_ISA and RECUR_NUM_THREADS are read at start-up (a child process, since this one
/// already decided); an unsupported or unknown ISA falls back without failing.
#[test]
fn gemm_env_vars_are_honoured() {
    let exe = std::env::current_exe().unwrap();
    let default_threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let best = Isa::best_supported().name();
    let cases = [
        ("scalar", "3", "scalar", 3),
        ("avx512", "1", Isa::Avx512.supported_at_most().name(), 1),
        ("AVX2", "2", Isa::Avx2.supported_at_most().name(), 2),
        ("sse9", "0", best, default_threads),
        ("", "many", best, default_threads),
    ];
    for (isa, threads, want_isa, want_threads) in cases {
        let out = std::process::Command::new(&exe)
            .args(["--ignored", "--exact", "gemm::tests::config::gemm_env_child_reports_settings"])
            .env("RECUR_ISA", isa)
            .env("RECUR_NUM_THREADS", threads)
            .env("RECUR_TEST_EXPECT_ISA", want_isa)
            .env("RECUR_TEST_EXPECT_THREADS", want_threads.to_string())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "RECUR_ISA={isa} RECUR_NUM_THREADS={threads}: child failed\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
