#!/usr/bin/env bash
# The long fuzz campaign of issue 11 (part 5): the fuzz tests (tests/test_fuzz_exports.py,
# tests/test_fuzz_yaml.py) with the hypothesis profile "fuzz", round after round until
# MINUTES have passed; then how many inputs were tried and how many tracebacks est gave.
#
#   scripts/fuzz.sh [MINUTES] [PYTHON]      default: 10 minutes, .venv/bin/python
#
# EST_FUZZ_EXAMPLES sets the examples per test and round (default 150). Each round starts
# from a new random seed; a failure hypothesis found is kept in .hypothesis/ and tried first
# in the next run. Exit 1 when any round failed (a traceback or another broken rule: see the
# pytest output above the figures). Run it with `nice` on a shared machine.
set -u
cd "$(dirname "$0")/.."
minutes=${1:-10}
python=${2:-.venv/bin/python}
stats=$(mktemp)
trap 'rm -f "$stats"' EXIT
start=$(date +%s)
deadline=$(awk -v s="$start" -v m="$minutes" 'BEGIN { print int(s + m * 60) }')
rounds=0
failed=0
while [ "$(date +%s)" -lt "$deadline" ]; do
    rounds=$((rounds + 1))
    echo "== round $rounds" >&2
    HYPOTHESIS_PROFILE=fuzz EST_FUZZ_STATS="$stats" EST_FUZZ_EXAMPLES="${EST_FUZZ_EXAMPLES:-150}" \
        "$python" -m pytest -q -p no:cacheprovider tests/test_fuzz_exports.py tests/test_fuzz_yaml.py \
        || failed=$((failed + 1))
done
"$python" - "$stats" "$rounds" "$failed" "$start" <<'PY'
import json, sys, time
from collections import Counter

path, rounds, failed, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
inputs, commands, exits, failures = Counter(), Counter(), Counter(), Counter()
tracebacks = 0
for line in open(path, encoding="utf-8"):
    record = json.loads(line)
    inputs.update(record["inputs"])
    commands.update(record["commands"])
    exits.update(record.get("exits", {}))
    failures.update(record["failures"])
    tracebacks += record["tracebacks"]
minutes = (time.time() - start) / 60
print(f"fuzz campaign: {minutes:.1f} minutes, {rounds} rounds, {failed} failed")
print(f"inputs tried: {sum(inputs.values()):,}")
for name, n in sorted(inputs.items()):
    print(f"  {name}: {n:,}")
print(f"est runs: {sum(commands.values()):,}")
for name, n in sorted(commands.items()):
    codes = ", ".join(
        f"exit {k.rsplit(': ', 1)[1]}: {v:,}" for k, v in sorted(exits.items())
        if k.rsplit(": ", 1)[0] == name
    )
    print(f"  est {name}: {n:,} ({codes})")
print(f"tracebacks: {tracebacks}")
print(f"other broken rules: {sum(failures.values()) - failures['traceback']}"
      + (f" ({dict(failures)})" if failures else ""))
sys.exit(1 if failed or tracebacks else 0)
PY
