#!/usr/bin/env python3
"""Write the demo workspace's SYNTHETIC survey exports (the Tuesday enkät) for 2021.

Every answer is made up. Each Tuesday from 2 February to 16 March 2021 the partners listed
under `survey.respondents` in est.yaml answer how the last week was on the 12 factors (0
Inget, 1 Enstaka, 2 Flera, 3 Många, or Vet ej). The answers follow the incident data's story
by construction (see examples/generate_incidents.py):

- in Sunda, inbrott och stöld are "Flera" to "Många" from mid-February, highest about
  2021-W10 (answered on Tuesday 16 March);
- in Ramdal, ordningsstörningar rise in 2021-W10 (the evenings of 9-11 March);
- every week some partners do not answer, so the response rate is below 100 %.

The files look like a Microsoft Forms export saved as CSV from Excel: ';'-separated, UTF-8
with BOM, CRLF line ends, the questions as headers, one file per survey week.

Standard library only, and only `random.Random.random()` from a fixed seed, so the output is
byte-identical on every run and Python version:

    python examples/generate_survey.py              # writes data/survey/
    python examples/generate_survey.py --out DIR    # writes somewhere else
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

SEED = 2021_0316
FIRST_TUESDAY = date(2021, 2, 2)
TUESDAYS = 7  # 2 February … 16 March 2021: the weeks 2021-W04 … 2021-W10 described

# (name or role, organisation, area): the same list as est.yaml's survey.respondents
RESPONDENTS = (
    ("Kommunpolis", "Polisen", "centrum"),
    ("Områdespolis Ramdal", "Polisen", "ramdal"),
    ("Områdespolis Sunda", "Polisen", "sunda"),
    ("Trygghetsvärd Centrum", "Oxelösunds kommun", "centrum"),
    ("Trygghetsvärd Ramdal", "Oxelösunds kommun", "ramdal"),
    ("Fältsekreterare", "Oxelösunds kommun", "frosang"),
    ("Fritidsgården Ramdal", "Oxelösunds kommun", "ramdal"),
    ("Skolan i Sunda", "Oxelösunds kommun", "sunda"),
    ("Bovärd Ramdal", "Oxelösundshem", "ramdal"),
    ("Bovärd Frösäng", "Oxelösundshem", "frosang"),
    ("Bovärd Peterslund", "Oxelösundshem", "peterslund"),
    ("Väktare natt", "Vaktbolaget", "centrum"),
    ("Väktare hamnen", "Vaktbolaget", "stenvik"),
    ("Räddningstjänsten", "Räddningstjänsten", "danvik"),
    ("Grannsamverkan Sunda", "Grannsamverkan", "sunda"),
    ("Grannsamverkan Femöre", "Grannsamverkan", "femore"),
)
# The export's headers: the factors' labels, as `est survey questions` prints them.
FACTORS = (
    "Hot och våld",
    "Skadegörelse",
    "Anlagda bränder",
    "Narkotika",
    "Klotter",
    "Nedskräpning",
    "Otrygghetsskapande samlingar",
    "Inbrott och stöld",
    "Ordningsstörningar",
    "Olovlig trafik och buskörning",
    "Otrygga platser (belysning, insyn)",
    "Alkohol och berusning på allmän plats",
)
LEVELS = ("Inget", "Enstaka", "Flera", "Många")
HEADERS = ("ID", "Starttid", "Slutförandetid", "Namn", "Organisation", "Område")
COMMENTS = (
    "Lugn vecka i stort.",
    "Mycket glas vid busshållplatsen på morgonen.",
    "Flera grannar har hört av sig om bilar som provar dörrhandtag.",
    "Ungdomar samlades vid fritidsgården sent på kvällen.",
    "Belysningen på gångvägen är fortfarande trasig.",
    "Klotter på elskåpet vid skolan.",
)


def _base(area: str, factor: str, week: int) -> float:
    """The usual level of a factor in an area, and the story of the weeks."""
    level = 0.4
    if factor in ("Nedskräpning", "Klotter"):
        level = 0.9
    if area in ("centrum", "ramdal") and factor in (
        "Skadegörelse",
        "Alkohol och berusning på allmän plats",
    ):
        level = 1.1
    if area == "sunda" and factor == "Inbrott och stöld":
        level = 0.6 + max(0, min(week, 10) - 5) * 0.45  # W06 … W10: rising burglaries
    if area == "ramdal" and factor == "Ordningsstörningar":
        level = 2.4 if week == 10 else 0.8
    return level


def _answer(rng: random.Random, level: float) -> str:
    if rng.random() < 0.04:
        return "Vet ej"
    value = level + (rng.random() - 0.5) * 1.2
    return LEVELS[max(0, min(3, round(value)))]


def export(tuesday: date, rng: random.Random) -> str:
    week = (tuesday - timedelta(days=7)).isocalendar().week  # the week answered about
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*HEADERS, *FACTORS, "Övriga kommentarer"])
    n = 0
    for name, organisation, area in RESPONDENTS:
        if rng.random() < 0.25:  # did not answer this week
            continue
        n += 1
        minute = int(rng.random() * 600)  # 08:00 … 18:00
        start = f"{tuesday.isoformat()} {8 + minute // 60:02d}:{minute % 60:02d}:00"
        done = f"{tuesday.isoformat()} {8 + minute // 60:02d}:{minute % 60:02d}:40"
        answers = [_answer(rng, _base(area, f, week)) for f in FACTORS]
        comment = COMMENTS[int(rng.random() * len(COMMENTS))] if rng.random() < 0.3 else ""
        writer.writerow([n, start, done, name, organisation, area.capitalize(), *answers, comment])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "data" / "survey")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    for k in range(TUESDAYS):
        tuesday = FIRST_TUESDAY + timedelta(weeks=k)
        year, week, _ = tuesday.isocalendar()
        path = args.out / f"enkat-{year}-W{week:02d}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + export(tuesday, rng).encode("utf-8"))


if __name__ == "__main__":
    main()
