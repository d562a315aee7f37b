"""The small SYNTHETIC export writer shared by the example workspaces' make_incidents.py.

Deterministic: a fixed seed and the standard library only, so running a script again
writes byte-identical files. No row describes a real event.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"


def write_exports(
    out: Path,
    *,
    seed: int,
    first: date,
    last: date,
    areas: list[tuple[str, int]],
    categories: list[tuple[str, int]],
) -> None:
    """One CSV per month in `out`.

    `areas`: (area as spelled in the export, relative weight);
    `categories`: (category as spelled in the export, incidents per month on average).
    """
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    months: dict[str, list[str]] = {}
    day = first
    while day <= last:
        for category, per_month in categories:
            if rng.random() < per_month / 30:
                area = rng.choices([a for a, _ in areas], [w for _, w in areas])[0]
                hour = rng.choice([8, 13, 17, 19, 21, 22, 23, 1])
                line = (
                    f"{day.isoformat()};{hour:02d}:{rng.randrange(60):02d};{area};{category};"
                    f"Syntetisk plats {rng.randrange(1, 9)};Syntetisk beskrivning\n"
                )
                months.setdefault(day.strftime("%Y-%m"), []).append(line)
        day += timedelta(days=1)
    # Real exports span whole periods; make the first and last day visible in the data so
    # that est treats the period as covered (a quiet first day would hide a whole tertial).
    for edge in (first, last):
        lines = months.setdefault(edge.strftime("%Y-%m"), [])
        if not any(line.startswith(edge.isoformat()) for line in lines):
            row = (
                f"{edge.isoformat()};12:00;{areas[0][0]};{categories[0][0]};"
                "Syntetisk plats 1;Syntetisk beskrivning\n"
            )
            lines.insert(0 if edge == first else len(lines), row)
    for month, lines in sorted(months.items()):
        (out / f"{month}.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
