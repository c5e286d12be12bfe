#!/usr/bin/env bash
# Proves the kernels still build where the WebAssembly backend is built: Debian's rustc 1.63
# (the only toolchain here with a wasm32 standard library), for wasm32-unknown-unknown with
# simd128, through crates/wasm (its own workspace and lock file: cargo 0.66 cannot read the
# root workspace's version-4 Cargo.lock). rustup's cargo/rustc stay in use for native builds.
# Usage: scripts/check-wasm-build.sh [extra cargo args]. Needs /usr/bin/rustc, /usr/bin/cargo,
# wasm-ld (apt-get install rustc libstd-rust-dev-wasm32 lld cargo).
set -euo pipefail
cd "$(dirname "$0")/.."

RUSTC_163="${RECUR_WASM_RUSTC:-/usr/bin/rustc}"
CARGO_163="${RECUR_WASM_CARGO:-/usr/bin/cargo}"
for tool in "$RUSTC_163" "$CARGO_163"; do
  [ -x "$tool" ] || { echo "check-wasm-build: $tool not found (apt-get install rustc libstd-rust-dev-wasm32 lld cargo)" >&2; exit 1; }
done
command -v wasm-ld >/dev/null || { echo "check-wasm-build: wasm-ld not found (apt-get install lld)" >&2; exit 1; }

echo "== $("$RUSTC_163" --version): cargo check crates/wasm (+ recur-kernels) for wasm32 + simd128, warnings are errors"
RUSTC="$RUSTC_163" RUSTFLAGS="-C target-feature=+simd128 -D warnings" \
  "$CARGO_163" check --offline --manifest-path crates/wasm/Cargo.toml --target wasm32-unknown-unknown "$@"
