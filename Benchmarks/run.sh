#!/usr/bin/env bash
# make bench: times `lookup` and `kb` (release builds) against grep, ripgrep and Hugo, prints a
# table and writes Benchmarks/results.json. See Benchmarks/README.md.
#
# Environment: SCRATCH (Swift build folder, default .build), SWIFT, PYTHON, BIG_SIZE and
# SMALL_SIZE (log sizes in bytes, default 1 GiB and 100 MiB), KB_PROBLEMS (default 10000),
# KB_REPEAT_LIMIT (seconds; a synthetic build slower than this is timed once, default 60),
# RESULTS (default Benchmarks/results.json).
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-.build}
SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
BIG_SIZE=${BIG_SIZE:-1073741824}
SMALL_SIZE=${SMALL_SIZE:-104857600}
KB_PROBLEMS=${KB_PROBLEMS:-10000}
KB_REPEAT_LIMIT=${KB_REPEAT_LIMIT:-60}
RESULTS=${RESULTS:-Benchmarks/results.json}
DATA=Benchmarks/data
PASTED='oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031'

started=$(date +%s.%N)
since() { awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }'; }
step() { printf '\n== %s (%s s)\n' "$1" "$(since)"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/applinks-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cut -d' ' -f1-3 /proc/loadavg >"$WORK/load-start.txt"

# --- tools ---------------------------------------------------------------------------------
step "tools"
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: missing ${missing[*]}; install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
make -s deps
hyperfine --version; rg --version | head -1; grep --version | head -1; hugo version

# --- release build -------------------------------------------------------------------------
step "swift build -c release --scratch-path $SCRATCH"
"$SWIFT" build -c release --scratch-path "$SCRATCH"
BIN=$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)

# --- logs ----------------------------------------------------------------------------------
# Cached in Benchmarks/data/ (git-ignored); made again when missing or when the generator, the
# rule set or the example lines changed.
step "logs"
mkdir -p "$DATA"
stamp() {
  cat Benchmarks/generate_logs.py Site/rules.json Site/rules-tests.json | sha256sum | cut -c1-16
  echo "$1 $2"
}
ensure_log() { # name size seed
  local log="$DATA/$1.log"
  if [ -f "$log" ] && [ -f "$log.counts.json" ] && [ -f "$log.stamp" ] \
    && [ "$(cat "$log.stamp")" = "$(stamp "$2" "$3")" ]; then
    echo "$log: up to date"
  else
    rm -f "$log" "$log.counts.json" "$log.stamp"
    "$PYTHON" Benchmarks/generate_logs.py --size "$2" --seed "$3" --out "$log" | tail -1
    stamp "$2" "$3" >"$log.stamp"
  fi
}
SMALL="$DATA/applinks-small.log"
BIG="$DATA/applinks-big.log"
ensure_log applinks-small "$SMALL_SIZE" 2 &
small_job=$!
ensure_log applinks-big "$BIG_SIZE" 1
wait "$small_job"

# --- counts and peak memory ----------------------------------------------------------------
# One run each under GNU time: its JSON summary must give the generator's counts. The run on
# the big file also brings it into the page cache.
step "lookup --summary: counts and peak memory"
for name in small big; do
  log="$DATA/applinks-$name.log"
  /usr/bin/time -v -o "$WORK/time-$name.txt" \
    "$BIN/lookup" --summary --json --file "$log" >"$WORK/summary-$name.json"
  grep -E "Elapsed|Maximum resident" "$WORK/time-$name.txt" | sed "s/^\s*/$name: /"
done
grep -c -F oauth_problem "$BIG" >"$WORK/grep-count.txt" || true
rg -c -F oauth_problem "$BIG" >"$WORK/rg-count.txt" || true

# --- lookup against grep and ripgrep -------------------------------------------------------
step "lookup --summary vs grep -c vs rg -c on $(du -h "$BIG" | cut -f1)"
hyperfine -N --output=pipe --warmup 1 --min-runs 3 --export-json "$WORK/scan.json" \
  -n lookup "$BIN/lookup --summary --file $BIG" \
  -n grep "grep -c -F oauth_problem $BIG" \
  -n rg "rg -c -F oauth_problem $BIG"

# --- lookup on one pasted line -------------------------------------------------------------
step "lookup on one pasted line"
hyperfine -N --output=pipe --warmup 3 --runs 30 --export-json "$WORK/paste.json" \
  -n "lookup <line>" "$BIN/lookup '$PASTED'"

# --- kb build of the real catalogue --------------------------------------------------------
step "kb build (real catalogue)"
mkdir -p "$WORK/real"
hyperfine -N --output="$WORK/kb-real.out" --warmup 1 --min-runs 5 --export-json "$WORK/kb-real.json" \
  -n "kb build" "$BIN/kb build --content $WORK/real/Content --site $WORK/real/Site"

# --- kb-bench of a synthetic catalogue against Hugo ----------------------------------
step "kb-bench --problems $KB_PROBLEMS vs hugo"
SYNTH="$WORK/synth"
hyperfine -N --output="$WORK/kb-synth.out" --runs 1 --export-json "$WORK/kb-synth-probe.json" \
  -n "kb-bench" "$BIN/kb-bench --problems $KB_PROBLEMS --out $SYNTH"
probe=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' \
  "$WORK/kb-synth-probe.json")
if awk -v p="$probe" -v l="$KB_REPEAT_LIMIT" 'BEGIN { exit !(p < l) }'; then
  # The probe was the warm-up.
  hyperfine -N --output="$WORK/kb-synth.out" --runs 3 --export-json "$WORK/kb-synth.json" \
    -n "kb-bench" "$BIN/kb-bench --problems $KB_PROBLEMS --out $SYNTH"
else
  echo "one run took ${probe} s (over KB_REPEAT_LIMIT=${KB_REPEAT_LIMIT} s): timed once"
  cp "$WORK/kb-synth-probe.json" "$WORK/kb-synth.json"
fi
"$PYTHON" Benchmarks/hugo_site.py --pages "$SYNTH/Content/problems" --out "$WORK/hugo"
find "$SYNTH/Content/problems" -name '*.md' | wc -l >"$WORK/synth-pages.txt"
rm -rf "$SYNTH"
hyperfine -N --output=pipe --warmup 1 --runs 3 --export-json "$WORK/hugo.json" \
  -n hugo "hugo --quiet --source $WORK/hugo"
find "$WORK/hugo/public/problems" -mindepth 2 -name 'index.html' | wc -l >"$WORK/hugo-pages.txt"

# --- table and results.json ----------------------------------------------------------------
step "results"
"$PYTHON" Benchmarks/report.py --work "$WORK" --data "$DATA" --out "$RESULTS" \
  --started "$started" --scratch "$SCRATCH" --kb-problems "$KB_PROBLEMS" \
  --kb-repeat-limit "$KB_REPEAT_LIMIT"
