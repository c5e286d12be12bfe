#!/usr/bin/env bash
# cargo test of the Rust kernels once per instruction-set path: RECUR_ISA forces the path of
# the GEMM and of the recurrent passes (scalar, avx2, avx512). A path this CPU lacks is
# skipped and said so (forcing it would silently run the best path below it).
# Extra arguments go to every `cargo test` (e.g. a test-name filter).
set -euo pipefail
cd "$(dirname "$0")/.."

has_flag() { grep -qw "$1" /proc/cpuinfo 2>/dev/null; }

paths="scalar"
if has_flag avx2 && has_flag fma; then paths="$paths avx2"; else echo "skip avx2: not on this CPU"; fi
if has_flag avx512f; then paths="$paths avx512"; else echo "skip avx512: not on this CPU"; fi

for isa in $paths; do
  echo "== RECUR_ISA=$isa cargo test -p recur-kernels"
  RECUR_ISA="$isa" cargo test --offline --release -p recur-kernels "$@"
done
