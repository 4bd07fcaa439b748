#!/usr/bin/env bash
# The fuzz test (test/fuzz.test.ts) for longer than CI's 20 s: `scripts/fuzz.sh [SECONDS]` (600 by default).
# It prints its seed (replay a failure with ZSWEEP_FUZZ_SEED=SEED) and the process's peak resident memory,
# and fails when any input crashed, hung, answered 500 or took the memory past 1 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
ZSWEEP_FUZZ_SECONDS="${1:-600}" exec node --import tsx node_modules/uvu/bin.js test '^fuzz\.test\.ts$'
