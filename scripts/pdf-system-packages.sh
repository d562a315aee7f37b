#!/usr/bin/env bash
# Installs the Debian packages that decide a PDF's bytes, when missing: fonts-liberation (the
# font the documents' CSS resolves to) and libharfbuzz-subset0 (WeasyPrint's font subsetter).
# The committed reports and the PDF tests were made with both; .ci/run calls this first.
set -euo pipefail
missing=()
fc-list 2>/dev/null | grep -q "LiberationSans-Regular" || missing+=(fonts-liberation)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || missing+=(libharfbuzz-subset0)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
