#!/usr/bin/env bash
# The site's machine-readable files against their schemas, with xmllint: sitemap.xml against
# sitemaps.org's schema (with XHTML alternate links), and every Atom feed against RFC 4287.
# Usage: validate_test.sh OUTPUT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
passed=0
failed=0
check() {
  if xmllint --noout --nonet "$@" >/dev/null 2>"$here/.last-error"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    cat "$here/.last-error"
  fi
}
check --schema "$here/sitemap-with-alternates.xsd" "$out/sitemap.xml"
feeds=0
while IFS= read -r -d '' feed; do
  check --relaxng "$here/atom.rng" "$feed"
  feeds=$((feeds + 1))
done < <(find "$out" -name feed.xml -print0)
[ "$feeds" -gt 0 ] || { echo "no feed.xml in $out"; failed=$((failed + 1)); }
rm -f "$here/.last-error"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
