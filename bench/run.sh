#!/usr/bin/env bash
# kiosk against Hugo on synthetic sites: bench/run.sh [N ...]
#
# For each N (default 5000: 10,000 content pages; 25000 gives 50,000) it generates a site
# with bench/make_site.py (N topics x zh-TW + en), copies bench/hugo/ (config and layouts)
# into it, and then measures, in ROUNDS rounds that alternate the two tools:
#
#   kiosk cold       kiosk build SITE -o OUT -q, fresh OUT, SITE/.kiosk removed
#   hugo cold        hugo --source SITE --destination DEST --quiet, fresh DEST
#   kiosk edit       one FAQ file gets a sentence appended, then kiosk build again
#   kiosk no change  kiosk build again, nothing changed
#   kiosk no-check   cold build with --no-check (only if the binary has that option)
#
# Each run is timed with /usr/bin/time (wall, user+sys CPU, max RSS). The table shows the
# median of the rounds, kiosk/Hugo ratios and the wall time per content page; kiosk's own
# step timings (-v) of a cold build and of the edit rebuild follow, then what the libraries
# every page needs (tidy for the check, libqrencode and zlib for its QR code) take of a cold
# build, from `perf record` (Debian's linux-perf): a floor no change to kiosk's own code can
# go below. Everything is printed and written to bench/results.md.
#
# Environment: KIOSK (binary, default build/kiosk; copied first, so a rebuild during the run
# does not matter), ROUNDS (default 3), WORK (scratch folder, default /tmp/kiosk-bench),
# JOBS (passed to kiosk as -j if set), OUTPUTS (where both tools write their output, default
# WORK; a tmpfs such as /dev/shm/kiosk-bench takes the disk out of the comparison: on an ext4
# without a journal, creating files soon after deleting many scans past every recently deleted
# inode, which can cost a build of 40,000 files more kernel time than its own work).
# Installs hugo, time, python3 and linux-perf with apt-get when missing.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
KIOSK_SRC=${KIOSK:-$REPO/build/kiosk}
ROUNDS=${ROUNDS:-3}
WORK=${WORK:-/tmp/kiosk-bench}
OUTPUTS=${OUTPUTS:-$WORK}
RESULTS=$BENCH_DIR/results.md
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(5000); fi
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || { echo "usage: bench/run.sh [N ...]  (N topics, 2N pages)" >&2; exit 2; }
done

# --- tools --------------------------------------------------------------------------------
apt_install() {
  echo "installing $* with apt-get ..." >&2
  apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }
}
command -v hugo >/dev/null || apt_install hugo
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null || apt_install python3
command -v perf >/dev/null || apt_install linux-perf || true
PERF=0  # perf may be missing, or not allowed here: the floor is then left out
if perf record -q -o /dev/null -- true >/dev/null 2>&1; then PERF=1; fi
[ -x "$KIOSK_SRC" ] || { echo "no kiosk binary at $KIOSK_SRC (build it, or set KIOSK=)" >&2; exit 1; }

mkdir -p "$WORK" "$OUTPUTS"
KIOSK_BIN=$WORK/kiosk
cp "$KIOSK_SRC" "$KIOSK_BIN"
KIOSK_VERSION=$("$KIOSK_BIN" --version 2>&1 | sed -n 1p)
KIOSK_SUM=$(sha256sum "$KIOSK_BIN" | cut -c1-12)
HUGO_VERSION=$(hugo version | sed -n 1p)
NO_CHECK=0
if "$KIOSK_BIN" build --help 2>&1 | grep -q -- --no-check; then NO_CHECK=1; fi
KJOBS=()
[ -n "${JOBS:-}" ] && KJOBS=(-j "$JOBS")

RAW=$WORK/raw.tsv            # label N round wall user sys maxrss_kb load1
INFO=$WORK/info.txt          # extra lines for the report, per N
: >"$RAW"
: >"$INFO"

# measure LABEL N ROUND COMMAND...: one timed run; a failing build stops the benchmark with
# the tool's own messages.
measure() {
  local label=$1 n=$2 round=$3; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  if ! /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" >"$WORK/stdout.txt" 2>"$WORK/stderr.txt"; then
    echo "FAILED ($label, N=$n, round $round): $*" >&2
    echo "--- stdout" >&2; cat "$WORK/stdout.txt" >&2
    echo "--- stderr" >&2; cat "$WORK/stderr.txt" >&2
    exit 1
  fi
  local e u s m
  read -r e u s m <"$WORK/time.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$round" "$e" "$u" "$s" "$m" "$load" >>"$RAW"
  printf '  %-16s round %s: wall %6.2f s  cpu %6.2f s  rss %5d MB  (load %s)\n' \
    "$label" "$round" "$e" "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$((m / 1024))" "$load" >&2
  local warnings; warnings=$(grep -c 'warning:' "$WORK/stderr.txt" || true)
  if [ "$warnings" -gt 0 ]; then
    echo "  ($label printed $warnings warnings; first ones:)" >&2
    grep 'warning:' "$WORK/stderr.txt" | sed -n 1,5p >&2
  fi
}

kiosk_clean() {  # a cold start: no output, no cache, no left-over staging folder
  rm -rf "$1" "$SITE/.kiosk" "$(dirname "$1")"/.*kiosk-staging*
}

for N in "${SIZES[@]}"; do
  SITE=$WORK/site-$N
  OUT_K=$OUTPUTS/out-kiosk-$N
  OUT_H=$OUTPUTS/out-hugo-$N
  echo "== N=$N topics ($((2 * N)) content pages) in $WORK" >&2

  t0=$(date +%s.%N)
  python3 "$BENCH_DIR/make_site.py" "$N" "$SITE" >&2
  t1=$(date +%s.%N)
  rm -rf "$SITE/layouts" "$SITE/hugo.toml"
  cp -r "$BENCH_DIR/hugo/hugo.toml" "$BENCH_DIR/hugo/layouts" "$SITE/"
  md_files=$(find "$SITE/content" -name '*.md' | wc -l)
  content_mb=$(du -sm "$SITE/content" | cut -f1)
  printf 'N=%s: generated %s Markdown files (%s MB) in %.1f s\n' "$N" "$md_files" "$content_mb" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" >>"$INFO"

  FAQ=$(find "$SITE/content/faq" -name 'faq-*.md' ! -name '*.en.md' | sort | sed -n 1p)
  cp -p "$FAQ" "$WORK/faq-backup.md"

  for round in $(seq 1 "$ROUNDS"); do
    kiosk_clean "$OUT_K"
    measure "kiosk cold" "$N" "$round" "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -q "${KJOBS[@]}"

    rm -rf "$OUT_H"
    measure "hugo cold" "$N" "$round" hugo --source "$SITE" --destination "$OUT_H" --quiet

    printf '\n本段是第 %s 輪增量建置測試追加的句子，請申請人攜帶身分證正本。\n' "$round" >>"$FAQ"
    measure "kiosk edit" "$N" "$round" "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -q "${KJOBS[@]}"
    measure "kiosk no change" "$N" "$round" "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -q "${KJOBS[@]}"
    cp -p "$WORK/faq-backup.md" "$FAQ"

    if [ "$NO_CHECK" = 1 ]; then
      kiosk_clean "$OUT_K"
      measure "kiosk no-check" "$N" "$round" "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -q --no-check "${KJOBS[@]}"
    fi
  done

  # Where kiosk's time goes: -v step timings of a cold build and of an edit rebuild.
  kiosk_clean "$OUT_K"
  "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -v "${KJOBS[@]}" >"$WORK/profile-cold-$N.txt" 2>&1
  printf '\n本段是步驟計時用的追加句子。\n' >>"$FAQ"
  "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -v "${KJOBS[@]}" >"$WORK/profile-edit-$N.txt" 2>&1
  cp -p "$WORK/faq-backup.md" "$FAQ"

  # The floor: each library's and the kernel's share of a cold build's CPU time, by perf.
  rm -f "$WORK/libraries-cold-$N.txt" "$WORK/libraries-no-check-$N.txt"
  if [ "$PERF" = 1 ]; then
    for mode in cold no-check; do
      [ "$mode" = no-check ] && [ "$NO_CHECK" = 0 ] && continue
      flags=(); [ "$mode" = no-check ] && flags=(--no-check)
      kiosk_clean "$OUT_K"
      if ! perf record -q -F 499 -o "$WORK/perf-$mode-$N.data" -- \
        "$KIOSK_BIN" build "$SITE" -o "$OUT_K" -q "${flags[@]}" "${KJOBS[@]}" >/dev/null 2>&1; then
        echo "perf record of a $mode build failed (N=$N): its floor is left out" >&2
        continue
      fi
      perf report -i "$WORK/perf-$mode-$N.data" --sort dso --stdio -F overhead,dso 2>/dev/null |
        grep '%' >"$WORK/libraries-$mode-$N.txt" || true
    done
  fi

  printf 'N=%s: kiosk output %s files, %s MB (%s index.html); Hugo output %s files, %s MB (%s index.html)\n' "$N" \
    "$(find "$OUT_K" -type f | wc -l)" "$(du -sm "$OUT_K" | cut -f1)" "$(find "$OUT_K" -name index.html | wc -l)" \
    "$(find "$OUT_H" -type f | wc -l)" "$(du -sm "$OUT_H" | cut -f1)" "$(find "$OUT_H" -name index.html | wc -l)" >>"$INFO"
  echo "N=$N: edited file for the incremental runs: ${FAQ#"$SITE"/}" >>"$INFO"
done

# --- report -------------------------------------------------------------------------------
OUTPUTS_FS=$(df --output=fstype "$OUTPUTS" | tail -1)
export RAW INFO WORK OUTPUTS OUTPUTS_FS ROUNDS NO_CHECK PERF JOBS KIOSK_VERSION KIOSK_SUM HUGO_VERSION KIOSK_SRC
export SIZES_LIST="${SIZES[*]}"
python3 - "$RESULTS" <<'PY'
import os, statistics, sys, datetime, platform

results = sys.argv[1]
env = os.environ
rows = []
with open(env["RAW"]) as f:
    for line in f:
        label, n, rnd, e, u, s, m, load = line.rstrip("\n").split("\t")
        rows.append(dict(label=label, n=int(n), round=int(rnd), wall=float(e),
                         cpu=float(u) + float(s), rss=int(m) / 1024, load=float(load)))

def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

# What every page of a cold build needs from libraries: tidy parses it for the accessibility
# check, libqrencode and zlib make its QR code. Their CPU time spread over kiosk's threads,
# against Hugo's wall time, is the lowest ratio kiosk could reach with these libraries if
# all of its own work took no time. The kernel's part (creating three files a page, and the
# page faults of kiosk's memory) is shown beside it.
PARTS = [("libtidy", "tidy"), ("libqrencode", "libqrencode"), ("libz.", "zlib"),
         ("[kernel", "kernel")]
LIBRARIES = ["tidy", "libqrencode", "zlib"]

def libraries_floor(n, med):
    h = med.get("hugo cold")
    cores = os.cpu_count() or 1
    threads = min(int(env.get("JOBS") or cores), cores)
    lines = []
    for mode, label in (("cold", "kiosk cold"), ("no-check", "kiosk no-check")):
        path = os.path.join(env["WORK"], f"libraries-{mode}-{n}.txt")
        if env["PERF"] != "1" or not h or label not in med or not os.path.exists(path):
            continue
        shares = {name: 0.0 for _, name in PARTS}
        parsed = False
        with open(path) as f:
            for line in f:
                share, _, dso = line.strip().partition("%")
                try:
                    share = float(share) / 100
                except ValueError:
                    continue
                parsed = True
                for prefix, name in PARTS:
                    if dso.strip().startswith(prefix):
                        shares[name] += share
        if not parsed:
            continue
        cpu = med[label]["cpu"]
        libraries = cpu * sum(shares[name] for name in LIBRARIES)
        kernel = cpu * shares["kernel"]
        if not lines:
            lines += ["What every page needs from libraries (`perf record`: each one's share of "
                      "a cold build's CPU time, times the median CPU time above), spread over "
                      f"{threads} threads, against Hugo's wall time: the lowest wall ÷ Hugo kiosk "
                      "could reach with these libraries if all of its own work took no time; "
                      "then with the kernel's time as well.", "",
                      "| cold build | CPU s | " + " | ".join(name for _, name in PARTS) +
                      " | libraries ÷ threads ÷ Hugo | with the kernel |",
                      "|---|---:|" + "---:|" * (len(PARTS) + 2)]
        lines.append(f"| {label} | {cpu:.2f} | " +
                     " | ".join(f"{cpu * shares[name]:.2f}" for _, name in PARTS) +
                     f" | {libraries / threads / h['wall']:.2f} | "
                     f"{(libraries + kernel) / threads / h['wall']:.2f} |")
    if lines:
        lines.append("")
    return lines

out = []
out.append("# kiosk vs Hugo: build benchmark")
out.append("")
out.append("Generated by `bench/run.sh` (do not edit by hand) on "
           f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}.")
out.append("")
out.append(f"- machine: {os.cpu_count()} cores, {cpu_model()}")
out.append(f"- outputs written to `{env['OUTPUTS']}` ({env['OUTPUTS_FS']})")
out.append(f"- kiosk: `{env['KIOSK_VERSION']}` (binary sha256 {env['KIOSK_SUM']}…, from `{env['KIOSK_SRC']}`)")
out.append(f"- Hugo: `{env['HUGO_VERSION']}`")
out.append(f"- {env['ROUNDS']} rounds per N, the tools alternating; figures are medians; "
           "CPU = user + sys; RSS = peak resident memory (`/usr/bin/time`)")
out.append("- `kiosk --no-check`: " + ("measured" if env["NO_CHECK"] == "1"
                                       else "not measured (this kiosk has no `--no-check`)"))
out.append("- incremental rows are compared with Hugo's cold build (the `hugo` command has no "
           "incremental mode)")
out.append("")
with open(env["INFO"]) as f:
    for line in f:
        out.append("- " + line.rstrip("\n"))
out.append("")

order = ["kiosk cold", "kiosk no-check", "hugo cold", "kiosk edit", "kiosk no change"]
for n in [int(x) for x in env["SIZES_LIST"].split()]:
    pages = 2 * n
    out.append(f"## N = {n} topics: {pages:,} content pages")
    out.append("")
    out.append("| build | wall s | (min–max) | CPU s | max RSS MB | ms/page (wall) | "
               "wall kiosk/Hugo | CPU kiosk/Hugo | RSS kiosk/Hugo |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    med = {}
    for label in order:
        rs = [r for r in rows if r["n"] == n and r["label"] == label]
        if not rs:
            continue
        med[label] = dict(wall=statistics.median(r["wall"] for r in rs),
                          cpu=statistics.median(r["cpu"] for r in rs),
                          rss=statistics.median(r["rss"] for r in rs),
                          lo=min(r["wall"] for r in rs), hi=max(r["wall"] for r in rs))
    h = med.get("hugo cold")
    for label in order:
        if label not in med:
            continue
        m = med[label]
        if label.startswith("kiosk") and h:
            ratios = (f"{m['wall'] / h['wall']:.2f}", f"{m['cpu'] / h['cpu']:.2f}",
                      f"{m['rss'] / h['rss']:.2f}")
        else:
            ratios = ("", "", "")
        out.append(f"| {label} | {m['wall']:.2f} | {m['lo']:.2f}–{m['hi']:.2f} | {m['cpu']:.2f} | "
                   f"{m['rss']:.0f} | {1000 * m['wall'] / pages:.2f} | " + " | ".join(ratios) + " |")
    out.append("")
    for kind, what in (("cold", "cold build"), ("edit", "rebuild after editing one FAQ file")):
        path = os.path.join(env["WORK"], f"profile-{kind}-{n}.txt")
        if os.path.exists(path):
            text = open(path).read().rstrip("\n").splitlines()
            keep = [l for l in text if l.startswith("kiosk:") or l.startswith("steps:")
                    or l.startswith("  ") and "ms" in l]
            out.append(f"kiosk `-v`, {what}:")
            out.append("")
            out.append("```")
            out.extend(keep)
            out.append("```")
            out.append("")
    floor = libraries_floor(n, med)
    if floor:
        out.extend(floor)
    out.append("<details><summary>every run</summary>")
    out.append("")
    out.append("| build | round | wall s | CPU s | max RSS MB | load (1 min) before |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["n"] == n:
            out.append(f"| {r['label']} | {r['round']} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                       f"{r['rss']:.0f} | {r['load']:.2f} |")
    out.append("")
    out.append("</details>")
    out.append("")

text = "\n".join(out)
with open(results, "w") as f:
    f.write(text)
print(text)
PY
echo "(written to $RESULTS)" >&2
