"""How much of the tertial annexes suppression hides: tables, count cells, "×" and "färre än".

Reads rendered tertial follow-ups (Markdown) and counts, in the annex (from "## Bilaga" or
"## Annex" to the next "## " heading), the cells of its tables (every count, totals included,
not the category column), those shown as "×" and those shown as "fewer than N".

    .venv/bin/python benchmarks/annex_hidden.py     # the demo and the examples (golden)
    .venv/bin/python benchmarks/annex_hidden.py path/to/2021-T1.md ...
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    *sorted((ROOT / "reports/tertial").glob("*.md")),
    *sorted((ROOT / "tests/golden/tertial").glob("*.md")),
]


def annex_counts(text: str) -> dict[str, int]:
    tables = cells = hidden = fewer = 0
    inside = header = False
    for line in text.splitlines():
        if line.startswith("## "):
            inside = line.startswith(("## Bilaga", "## Annex"))
            continue
        if not inside:
            continue
        if line.startswith("### "):
            tables, header = tables + 1, True
        if not line.startswith("|") or line.startswith("|---"):
            continue
        if header:  # the row of column names
            header = False
            continue
        values = [v.strip().strip("*").strip() for v in line.strip().strip("|").split("|")][1:]
        cells += len(values)
        hidden += sum(v == "×" for v in values)
        fewer += sum(v.startswith(("färre än", "fewer than")) for v in values)
    return {"tables": tables, "cells": cells, "×": hidden, "färre än": fewer}


def main(paths: list[Path]) -> None:
    print("| document | tables | cells | × | färre än |")
    print("|---|--:|--:|--:|--:|")
    total = {"tables": 0, "cells": 0, "×": 0, "färre än": 0}
    for path in paths:
        found = annex_counts(path.read_text(encoding="utf-8"))
        total = {k: total[k] + v for k, v in found.items()}
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"| {name} | " + " | ".join(str(v) for v in found.values()) + " |")
    print("| **all** | " + " | ".join(str(v) for v in total.values()) + " |")


if __name__ == "__main__":
    main([Path(p).resolve() for p in sys.argv[1:]] or DEFAULT)
