#!/usr/bin/env bash
# Rebuild every committed report of the demo workspace (the repository root).
# Usage: scripts/build-reports.sh [path/to/est]
# CI runs this and fails when the result differs from what is committed. The example
# workspaces' documents are checked by golden tests instead (tests/golden/).
set -euo pipefail
cd "$(dirname "$0")/.."
EST=${1:-est}
"$EST" week build --week 2021-W10 --format md,html,json,pdf
"$EST" month build --month 2021-03 --format md,html,json,pdf
"$EST" tertial render --tertial 2021-T1 --format md,html,json,pdf
"$EST" pledge render --pledge pledges/2021.yaml --format md,html,pdf
"$EST" lagesbild build --year 2021 --format md,html,json,pdf
