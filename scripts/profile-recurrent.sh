#!/usr/bin/env bash
# Where the time of a whole-sequence recurrent call goes: builds the lstm_seq example with
# symbols, samples it with `perf record -e cpu-clock` (a software clock: this VM has no
# hardware counters) and prints the share of the samples in each phase and in each kind of
# work. perf comes from Debian's linux-perf.
#
#   scripts/profile-recurrent.sh [lstm_seq args, default: lstm f32 --threads 1 --reps 3]
#
# Phases are inclusive (a GEMM inside the forward loop counts in both "forward: time loop"
# and "GEMM microkernel"); kinds of work are exclusive.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "perf not found (apt-get install linux-perf)" >&2; exit 1; }
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(lstm f32 --threads 1 --reps 3)
target=target/profiling
CARGO_PROFILE_RELEASE_STRIP=none CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
  cargo build --offline --release --quiet --example lstm_seq -p recur-kernels --target-dir "$target"
data=$(mktemp /tmp/recur-perf.XXXXXX)
trap 'rm -f "$data"' EXIT
perf record -q -e cpu-clock -F 1000 --call-graph dwarf,16384 -o "$data" \
  "$target/release/examples/lstm_seq" "${args[@]}"

# "children%  self%  symbol" for every symbol, inlined frames included.
table=$(perf report -i "$data" --children --sort symbol -g none --stdio 2>/dev/null |
  sed -E 's/( +- +-)? *$//' | sed -nE 's/^ +([0-9.]+)% +([0-9.]+)% +\[(.)\] +(.*)$/\1 \2 [\3] \4/p')
# Largest inclusive / summed exclusive share of the symbols matching a pattern.
inclusive() { awk -v re="$1" '$0 ~ re && $1 > m { m = $1 } END { printf "%5.1f%%", m }' <<<"$table"; }
exclusive() { awk -v re="$1" '$0 ~ re { s += $2 } END { printf "%5.1f%%", s }' <<<"$table"; }

echo
# The time loops are inlined into their callers (one thread) or run in closures (threads):
# they are what is left of each pass after its named phases.
fwd=$(inclusive 'recurrent_forward_with') proj=$(inclusive 'input_projection_into')
bwd=$(inclusive 'recurrent_backward_with') dwh=$(inclusive 'recurrent_weight_grad') dx=$(inclusive 'input_side_grads')
rest() { awk -v a="${1%\%}" -v b="${2%\%}" -v c="${3:-0%}" 'BEGIN { c += 0; printf "%5.1f%%", a - b - c }'; }
echo "phase (inclusive share of all samples)"
printf '  %-44s %s\n' "forward, all" "$fwd"
printf '  %-44s %s\n' "  input projection x·wx (all T)" "$proj"
printf '  %-44s %s\n' "  time loop (step GEMM + gate pass)" "$(rest "$fwd" "$proj")"
printf '  %-44s %s\n' "backward, all" "$bwd"
printf '  %-44s %s\n' "  time loop (gate pass + dh·wh^T)" "$(rest "$bwd" "$dwh" "$dx")"
printf '  %-44s %s\n' "  dwh = h^T·dpre" "$dwh"
printf '  %-44s %s\n' "  dwx, dbx, dx" "$dx"
printf '  %-44s %s\n' "packing the step weight (PackedB::new)" "$(inclusive 'PackedB<F>::new_for')"
echo "kind of work (exclusive share)"
kinds=(
  "GEMM microkernel (tile)|kernels::.*::tile$"
  "GEMM packing (pack_a, pack_b)|gemm::pack::pack_[ab]$"
  "GEMM drivers (macro_kernel, edges)|gemm::(blocked|small|packed)::"
  "elementwise gate passes (simd)|recurrent::simd::"
  "kernel: page faults, scheduling|\\[k\\]"
)
listed=0
for kind in "${kinds[@]}"; do
  share=$(exclusive "${kind#*|}")
  printf '  %-44s %s\n' "${kind%%|*}" "$share"
  listed=$(awk -v a="$listed" -v b="${share%\%}" 'BEGIN { print a + b }')
done
printf '  %-44s %5.1f%%\n' "everything else" "$(awk -v a="$listed" 'BEGIN { print 100 - a }')"
