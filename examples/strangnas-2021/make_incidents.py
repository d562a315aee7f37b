"""Write SYNTHETIC incident exports for this example workspace (no row is a real event).

Deterministic: a fixed seed and the standard library only, so running it again writes
byte-identical files. Usage: python make_incidents.py  (writes data/incidents/*.csv here)
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SEED = 2021
FIRST, LAST = date(2020, 1, 1), date(2021, 12, 31)
# (area as spelled in the export, relative weight)
AREAS = [("Strängnäs", 6), ("Mariefred", 3), ("Stallarholmen", 1), ("Åker", 1)]
# (category as spelled in the export, incidents per month on average)
CATEGORIES = [
    ("Misstänkt droghantering", 4),
    ("Olovlig trafik/buskörning", 6),
    ("Otrygghetsskapande samling", 4),
    ("Skadegörelse", 3),
]
HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"


def main() -> None:
    rng = random.Random(SEED)
    out = Path(__file__).resolve().parent / "data" / "incidents"
    out.mkdir(parents=True, exist_ok=True)
    months: dict[str, list[str]] = {}
    day = FIRST
    while day <= LAST:
        for category, per_month in CATEGORIES:
            if rng.random() < per_month / 30:
                area = rng.choices([a for a, _ in AREAS], [w for _, w in AREAS])[0]
                hour = rng.choice([8, 13, 17, 19, 21, 22, 23, 1])
                line = (
                    f"{day.isoformat()};{hour:02d}:{rng.randrange(60):02d};{area};{category};"
                    f"Syntetisk plats {rng.randrange(1, 9)};Syntetisk beskrivning\n"
                )
                months.setdefault(day.strftime("%Y-%m"), []).append(line)
        day += timedelta(days=1)
    for month, lines in sorted(months.items()):
        (out / f"{month}.csv").write_text(HEADER + "".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
