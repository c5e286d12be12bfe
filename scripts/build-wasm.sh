#!/usr/bin/env bash
# Builds crates/wasm (recur-kernels as a WebAssembly module) with Debian's Rust 1.63 (the only
# toolchain here with a wasm32 standard library) and wasm-ld, for wasm32-unknown-unknown with
# simd128, and copies the stripped module to $1 (default packages/wasm/recur.wasm).
# crates/wasm is its own workspace with its own lock file (cargo 0.66 cannot read the root
# workspace's version-4 Cargo.lock). RECUR_WASM_SIMD=0 builds the scalar module instead.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-packages/wasm/recur.wasm}"

RUSTC_163="${RECUR_WASM_RUSTC:-/usr/bin/rustc}"
CARGO_163="${RECUR_WASM_CARGO:-/usr/bin/cargo}"
for tool in "$RUSTC_163" "$CARGO_163"; do
  [ -x "$tool" ] || { echo "build-wasm: $tool not found (apt-get install rustc libstd-rust-dev-wasm32 lld cargo)" >&2; exit 1; }
done
command -v wasm-ld >/dev/null || { echo "build-wasm: wasm-ld not found (apt-get install lld)" >&2; exit 1; }

# wasmInfo().version: the package version the module was built for.
RECUR_WASM_VERSION="$(node -p "require('./packages/wasm/package.json').version" 2>/dev/null || echo 0.0.0)"
export RECUR_WASM_VERSION
features="-C target-feature=+simd128"
if [ "${RECUR_WASM_SIMD:-1}" = "0" ]; then features=""; fi
RUSTC="$RUSTC_163" RUSTFLAGS="$features -C linker=wasm-ld -C strip=symbols -C debuginfo=0" \
  "$CARGO_163" build --offline --release --manifest-path crates/wasm/Cargo.toml --target wasm32-unknown-unknown
mkdir -p "$(dirname "$out")"
cp crates/wasm/target/wasm32-unknown-unknown/release/recur_wasm.wasm "$out"
echo "build-wasm: $out $(wc -c < "$out") bytes ($(gzip -9c "$out" | wc -c) gzipped)"
