#!/usr/bin/env bash
# Builds kiosk's fuzz targets with AddressSanitizer and UndefinedBehaviorSanitizer (clang, in
# build-sanitize/) and runs each for a given time, from seeds made of the example site and
# the test fixtures plus what earlier runs learned (build-sanitize/fuzz/corpus/). A crash,
# undefined behaviour, a leak, an input that takes more than 60 s or 2 GB: the run fails and
# the input is kept in build-sanitize/fuzz/findings/TARGET/ (replay it by running the target
# with the file as argument). -d keeps the corpus, findings and logs in another folder, so
# that a long run goes on while the tests run the targets briefly.
#
#   fuzz/run.sh                  every target for 60 seconds
#   fuzz/run.sh -t 1800 html     the checker's target for half an hour
#   fuzz/run.sh -t 0             the seeds and the kept corpus once each, as a regression test
#   fuzz/run.sh -t 7200 -d /var/tmp/kiosk-fuzz import
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: fuzz/run.sh [-t SECONDS] [-d FOLDER] [yaml|markdown|html|css|import]..." >&2
  exit 2
}
seconds=60
work=build-sanitize/fuzz
while getopts "t:d:h" option; do
  case $option in
    t) seconds=$OPTARG ;;
    d) work=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml markdown html css import)
for target in "${targets[@]}"; do
  case $target in yaml | markdown | html | css | import) ;; *) usage ;; esac
done

build=build-sanitize
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKIOSK_SANITIZE=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}" >/dev/null

# Each target's seeds: the kinds of file it reads, as this repository has them.
seeds_of() {
  case $1 in
    yaml) find content tests/fixtures -name '*.md'; find . -path ./build\* -prune -o \
            \( -name site.yaml -o -path './themes/*.yaml' \) -print ;;
    markdown) find content tests/fixtures -name '*.md'; echo tests/markdown/markdown.txt ;;
    html) find tests/check/fixtures tests/pipeline/golden -name '*.html'
          [ -d output ] && find output -name '*.html' | sort | head -100 ;;
    css) find themes tests/check/fixtures -name '*.css' ;;
    import) ;;  # written by fuzz/import_seeds.py below
  esac
}
# The largest input tried: deep nesting and long tags need room.
max_len_of() {
  case $1 in
    yaml) echo 16384 ;;
    markdown) echo 65536 ;;
    html | css) echo 131072 ;;
    import) echo 262144 ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in "${targets[@]}"; do
  seeds=$work/seeds/$target
  corpus=$work/corpus/$target
  findings=$work/findings/$target
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$findings"
  n=0
  while read -r file; do
    n=$((n + 1))
    cp "$file" "$seeds/$n-$(basename "$file")"
  done < <(seeds_of "$target")
  if [ "$target" = import ]; then
    python3 fuzz/import_seeds.py "$seeds" tests/import/documents
    n=$(find "$seeds" -type f | wc -l)
  fi
  if [ "$seconds" -gt 0 ]; then
    limit=(-max_total_time="$seconds")
  else
    limit=(-runs=0)
  fi
  log=$work/$target.log
  if "$build/fuzz/fuzz_$target" "${limit[@]}" -timeout=60 -rss_limit_mb=2048 \
      -max_len="$(max_len_of "$target")" -dict="fuzz/$target.dict" \
      -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1; then
    result="no finding"
  else
    result="FAILED: see $log and $findings/"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  inputs=$(find "$corpus" -type f | wc -l)
  echo "fuzz $target: ${runs:-0} runs in ${seconds} s, ${edges:-0} edges covered, $inputs inputs in the corpus ($n seeds): $result"
done
exit $status
