#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: release build of every function, stripped sizes, and start-up
# time (exec -> first request to a fake Lambda Runtime API on loopback), median of N runs.
# handler latency with no I/O, argon2 cost, the sign-in password step, and the local
# gateway's throughput on a read route.
# Usage: scripts/bench.sh [runs]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
mapfile -t fns < <(ls functions)
args=()
for f in "${fns[@]}"; do args+=(-p "$f"); done
# The floor binaries (bench/floors) in the same build: same profile, same features.
args+=(-p pz-floors -p pz-floor-logs)
start=$(date +%s)
# The functions alone (without pz-bench, which enables `shared/local`), as Lambda builds them.
cargo build --release --quiet "${args[@]}"
cargo build --release --quiet -p pz-bench
echo "release build: $(( $(date +%s) - start )) s (incremental unless target/ was empty)"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo
for f in "${fns[@]}"; do
  printf '%s: gzip -9 %s bytes, newest glibc symbol %s\n' "$f" \
    "$(gzip -9 -c "target/release/$f" | wc -c)" \
    "$(objdump -T "target/release/$f" | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1)"
done
echo
target/release/startup "$runs" target/release
echo; target/release/argon2-cost 11
echo; target/release/signin-latency 11
echo; target/release/handler-latency 20000
echo; (ulimit -n 20000 2>/dev/null || true; target/release/gateway-throughput 10 32)
