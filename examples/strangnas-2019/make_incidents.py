"""Write SYNTHETIC incident exports for this example workspace (no row is a real event).

Deterministic: a fixed seed and the standard library only, so running it again writes
byte-identical files. Usage: python make_incidents.py  (writes data/incidents/*.csv here)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from synthetic_exports import write_exports  # noqa: E402

SEED = 2019
FIRST, LAST = date(2018, 1, 1), date(2019, 8, 31)
# (area as spelled in the export, relative weight)
AREAS = [("Strängnäs", 6), ("Mariefred", 3), ("Stallarholmen", 1), ("Åker", 1)]
# (category as spelled in the export, incidents per month on average)
CATEGORIES = [("Inbrott", 6), ("Stöld", 5), ("Olovlig trafik/buskörning", 5), ("Skadegörelse", 3)]


if __name__ == "__main__":
    write_exports(
        HERE / "data" / "incidents",
        seed=SEED,
        first=FIRST,
        last=LAST,
        areas=AREAS,
        categories=CATEGORIES,
    )
