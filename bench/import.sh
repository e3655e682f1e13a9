#!/usr/bin/env bash
# kiosk import on long plans: wall time and peak memory for 50 to 800 pages, in both formats,
# to show that reading a document stays linear in its length (the XML is streamed).
#   bench/import.sh [PAGES…]     default: 50 100 200 400 800
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || apt-get install -y -qq --no-install-recommends time >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '| pages | format | document KB | content XML KB | Markdown KB | wall s | peak RSS MB |\n|---:|---|---:|---:|---:|---:|---:|\n'
for pages in ${@:-50 100 200 400 800}; do
  python3 bench/make_long_document.py "$pages" "$work/plan-$pages"
  for format in docx odt; do
    document="$work/plan-$pages.$format"
    part=$([ "$format" = docx ] && echo word/document.xml || echo content.xml)
    xml=$(python3 -c "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2]).file_size)" "$document" "$part")
    best=""
    for round in 1 2 3; do
      rm -f "$work/page.md"
      /usr/bin/time -f "%e %M" -o "$work/time" ./build/kiosk import "$document" --type plan -o "$work/page.md" 2>/dev/null
      read -r wall rss < "$work/time"
      if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then best="$wall $rss"; fi
    done
    printf '| %d | .%s | %d | %d | %d | %.2f | %.1f |\n' "$pages" "$format" $(( $(stat -c %s "$document") / 1024 )) \
      $(( xml / 1024 )) $(( $(stat -c %s "$work/page.md") / 1024 )) "${best%% *}" "$(echo "${best##* } / 1024" | bc -l)"
  done
done
