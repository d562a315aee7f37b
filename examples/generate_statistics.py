#!/usr/bin/env python3
"""Write the demo workspace's SYNTHETIC police statistics: reported crimes per month, 2020–2021.

Every number is made up. The police publish the number of reported crimes (anmälda brott) per
month and crime category; municipalities follow them up once a month beside their own incident
reports. This script writes that small aggregated format for the demo's Oxelösunds kommun,
the whole municipality (no area column), January 2020 – December 2021:

    Månad;Brottskategori;Antal
    2020-01;Skadegörelse;11

The categories are the police's own ("Stöld och snatteri", "Bostadsinbrott" …), not est's
incident categories; est shows them apart and never adds them to incident counts. The story
follows the incident data's (examples/generate_incidents.py): residential burglaries rise in
February and March 2021.

The file is ';'-separated UTF-8 with BOM and CRLF line ends, as Excel saves it. Standard
library only, and only `random.Random.random()` from a fixed seed, so the output is
byte-identical on every run and Python version:

    python examples/generate_statistics.py              # writes data/statistik/
    python examples/generate_statistics.py --out DIR    # writes somewhere else
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

SEED = 2021_03
YEARS = (2020, 2021)
# The police's category, and its usual number of reported crimes a month in the municipality.
CATEGORIES = (
    ("Stöld och snatteri", 14.0),
    ("Skadegörelse", 11.0),
    ("Bedrägeri", 9.0),
    ("Narkotikabrott", 6.0),
    ("Misshandel", 4.0),
    ("Olaga hot", 3.5),
    ("Bostadsinbrott", 1.5),
    ("Stöld ur eller från fordon", 2.5),
)
SUMMER = (6, 7, 8)  # more thefts and damage in the summer months


def mean(category: str, year: int, month: int) -> float:
    base = dict(CATEGORIES)[category]
    if month in SUMMER and category in ("Stöld och snatteri", "Skadegörelse"):
        base *= 1.3
    if category == "Bostadsinbrott" and year == 2021 and month in (2, 3):
        base = 5.0  # the burglaries in Sunda
    return base


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw by inversion, from `random()` alone (stable across versions)."""
    u, k, p = rng.random(), 0, math.exp(-lam)
    total = p
    while u > total:
        k += 1
        p *= lam / k
        total += p
    return k


def rows(rng: random.Random) -> list[str]:
    out = ["Månad;Brottskategori;Antal"]
    for year in YEARS:
        for month in range(1, 13):
            for category, _ in CATEGORIES:
                count = poisson(rng, mean(category, year, month))
                out.append(f"{year}-{month:02d};{category};{count}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parents[1] / "data" / "statistik"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    text = "\r\n".join(rows(random.Random(SEED))) + "\r\n"
    path = args.out / "anmalda-brott-2020-2021.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


if __name__ == "__main__":
    main()
