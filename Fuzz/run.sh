#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets of Fuzz/ (Swift, -sanitize=fuzzer,address) and runs
# each for FUZZ_SECONDS seconds from a seed corpus made of the catalogue's example lines and
# Site/rules.json. Exits non-zero when a target crashes, trips a sanitizer, breaks one of its
# checks, runs out of memory or takes too long on one input, and says where the input is.
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default "FuzzScanner FuzzRules")
#   FUZZ_JOBS      fuzzing processes per target (default 1; more uses libFuzzer's -fork mode)
#   FUZZ_ARGS      more libFuzzer options, e.g. "-max_len=100000 -seed=1"
#   SWIFT, PYTHON  the tools (default swift, python3)
#
# Inputs that found new code paths are kept in Fuzz/corpus/<target>/ (git-ignored) and reused by
# the next run, so running longer or again goes further. Crashing inputs are written to
# Fuzz/artifacts/<target>/. Replay one with:
#   LSAN_OPTIONS=suppressions=Fuzz/lsan.supp Fuzz/.build/release/<target> FILE
set -euo pipefail
# libFuzzer reports a crash and writes the input at once; the Swift runtime's own backtracer
# would first spend a long time symbolizing the big instrumented binary.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
cd "$(dirname "$0")"
# Leaks in Foundation itself, not in this project (see lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-FuzzScanner FuzzRules}
FUZZ_JOBS=${FUZZ_JOBS:-1}
FUZZ_ARGS=${FUZZ_ARGS:-}
SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
FLAGS=(-c release -Xswiftc -sanitize=fuzzer,address)

echo "== build (swift build ${FLAGS[*]}, in Fuzz/.build)"
"$SWIFT" build "${FLAGS[@]}"
BIN=$("$SWIFT" build "${FLAGS[@]}" --show-bin-path)

echo "== seeds (from Site/)"
rm -rf corpus/seeds
mkdir -p corpus/seeds
(cd .. && SITE=Site "$PYTHON" Fuzz/seeds.py Fuzz/corpus/seeds)

status=0
for target in $FUZZ_TARGETS; do
  mkdir -p "corpus/$target" "artifacts/$target"
  log="artifacts/$target/fuzz.log"
  echo "== $target: ${FUZZ_SECONDS} s x ${FUZZ_JOBS} job(s); log in Fuzz/$log"
  parallel=""
  if [ "$FUZZ_JOBS" -gt 1 ]; then parallel="-fork=$FUZZ_JOBS"; fi
  set +e
  # The first folder receives the new inputs; the seeds are only read.
  # shellcheck disable=SC2086
  "$BIN/$target" \
    -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 \
    -dict="corpus/seeds/$target.dict" -artifact_prefix="artifacts/$target/" \
    -print_final_stats=1 $parallel $FUZZ_ARGS \
    "corpus/$target" "corpus/seeds/$target" >"$log" 2>&1
  code=$?
  set -e
  found=$(find "artifacts/$target" -type f ! -name '*.log' -newer "corpus/seeds/$target.dict")
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' "$log" | sed 's/^/   /' || true
  if [ "$code" -ne 0 ] || [ -n "$found" ]; then
    status=1
    echo "!! $target failed (exit $code). Last lines of Fuzz/$log:"
    grep -v '^#[0-9]' "$log" | tail -n 40 | sed 's/^/   /'
    for input in $found; do
      echo "!! crashing input: Fuzz/$input ($(wc -c <"$input") bytes)"
      echo "   replay: LSAN_OPTIONS=suppressions=Fuzz/lsan.supp Fuzz/.build/release/$target Fuzz/$input"
    done
  else
    echo "   $target: nothing found in ${FUZZ_SECONDS} s; corpus Fuzz/corpus/$target has $(find "corpus/$target" -type f | wc -l) inputs"
  fi
done
exit $status
