#!/usr/bin/env bash
# Every committed report checked as a reader meets it (issue 12 §5); .ci/run calls this.
#  - each HTML report (reports/ and examples/*/reports/) in headless Chromium: axe-core with
#    the WCAG 2.0/2.1 A and AA rules and best practices finds 0 violations, and at 390 px (a
#    phone) and 1280 px the page itself is no wider than the screen;
#  - each PDF: tagged, title and language set, text extractable, every page renders to PNG.
# Installs what it needs, so that it passes on a fresh machine: Debian's chromium and
# poppler-utils when missing, and axe-core with puppeteer-core from npm into a temporary
# folder (no browser download: the system's Chromium is used, with the network closed).
# Usage: scripts/check-accessibility.sh [FILE.html|FILE.pdf ...]  (default: every committed report)
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)
AXE_VERSION=4.14.1
PUPPETEER_VERSION=24.43.1  # the last line that runs on Debian's Node 20 (25 needs Node 22)
CHROMIUM=/usr/bin/chromium

if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  mapfile -t FILES < <(git ls-files -- 'reports/*.html' 'reports/*.pdf' \
    'examples/*/reports/*.html' 'examples/*/reports/*.pdf')
fi
HTML=() PDF=()
for f in "${FILES[@]}"; do
  case "$f" in *.html) HTML+=("$f") ;; *.pdf) PDF+=("$f") ;; esac
done
[ "${#HTML[@]}" -gt 0 ] || [ "${#PDF[@]}" -gt 0 ] || { echo "no reports to check"; exit 1; }

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdfinfo >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0

if [ "${#HTML[@]}" -gt 0 ]; then
  (
    cd "$TMP"
    export PUPPETEER_SKIP_DOWNLOAD=1 npm_config_update_notifier=false
    npm install --silent --no-audit --no-fund --no-save \
      "axe-core@$AXE_VERSION" "puppeteer-core@$PUPPETEER_VERSION" >/dev/null
  )
  echo "== HTML in Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'), axe-core $AXE_VERSION"
  NODE_PATH="$TMP/node_modules" node scripts/check_accessibility.cjs "$CHROMIUM" "${HTML[@]}" ||
    failed=1
fi

# The PDF's catalogue holds /Lang; WeasyPrint keeps it in a compressed object stream.
pdf_lang() {
  python3 - "$1" <<'EOF'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
chunks = [data]
for m in re.finditer(rb"stream\r?\n", data):
    try:
        chunks.append(zlib.decompressobj().decompress(data[m.end():]))
    except zlib.error:
        pass
found = [re.search(rb"/Lang\s*\(([^)]*)\)", c) for c in chunks]
print(next((f.group(1).decode() for f in found if f), ""))
EOF
}

field() { sed -n "s/^$1: *//p" <<<"$info"; }  # a field of pdfinfo's answer

if [ "${#PDF[@]}" -gt 0 ]; then
  echo "== PDF ($(pdfinfo -v 2>&1 | head -1))"
  for f in "${PDF[@]}"; do
    problems=()
    info=$(pdfinfo "$f" 2>&1) || problems+=("pdfinfo cannot read it: ${info//$'\n'/ }")
    pages=$(field Pages)
    [ "$(field Tagged)" = yes ] || problems+=("not tagged (pdfinfo: Tagged: $(field Tagged))")
    [ -n "$(field Title)" ] || problems+=("no title in its metadata")
    lang=$(pdf_lang "$f")
    [ -n "$lang" ] || problems+=("no language (/Lang) in its catalogue")
    words=$( (pdftotext -q "$f" - || true) | wc -w)
    [ "$words" -gt 0 ] || problems+=("pdftotext extracts no text")
    mkdir -p "$TMP/png"
    if ! pdftoppm -q -r 30 -png "$f" "$TMP/png/page" 2>"$TMP/pdftoppm.err"; then
      problems+=("pdftoppm cannot render it: $(cat "$TMP/pdftoppm.err")")
    fi
    rendered=$(find "$TMP/png" -name 'page*.png' | wc -l)
    rm -rf "$TMP/png"
    [ "$rendered" = "$pages" ] || problems+=("$rendered of $pages pages rendered to PNG")
    if [ "${#problems[@]}" -eq 0 ]; then
      echo "ok   $f: $pages pages, tagged, title '$(field Title)', language $lang, $words words"
    else
      failed=1
      echo "FAIL $f:"
      printf '       %s\n' "${problems[@]}"
    fi
  done
fi

echo "accessibility check: ${#HTML[@]} HTML and ${#PDF[@]} PDF documents in $(($(date +%s) - START)) s"
if [ "$failed" -ne 0 ]; then
  echo "accessibility check failed: see FAIL above"
  exit 1
fi
