#!/usr/bin/env python3
"""Write SYNTHETIC police events in the format of polisen.se's open API (/api/events).

Not one event is real: ids, times, types and summaries are made up, for Oxelösund and its
neighbours, December 2021 to January 2022 (the end of the demo workspace's data, across New
Year). They are as untidy as archives of the feed are: names with "14.21" or without a
time, hours without a leading zero, a type with a trailing space, a type est does not know,
events of other municipalities and of the county, events without a location.

Two files that overlap (as two saves of the feed a few days apart do):

- examples/polisen/events-2021-12.json: a JSON array, as the API answers (newest first),
  the events published up to 10 January 2022;
- examples/polisen/events-2022-01.jsonl: JSON Lines, as archives keep the feed, the events
  published from 28 December 2021 on.

Standard library only, and only `random.Random.random()` from a fixed seed, so the output
is byte-identical on every run and Python version:

    python examples/generate_polisen_events.py            # writes examples/polisen/
    python examples/generate_polisen_events.py --out DIR  # writes somewhere else
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20211201
COUNT = 420
START = datetime(2021, 12, 1)
DAYS = 62  # to 31 January 2022
MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december",
]  # fmt: skip
PLACES = [  # (location name, gps, weight)
    ("Oxelösund", "58.670352,17.10074", 0.55),
    ("Nyköping", "58.753035,17.008063", 0.25),
    ("Trosa", "58.896417,17.549821", 0.08),
    ("Södermanlands län", "59.033333,16.75", 0.12),
]
TYPES = [  # (type as the police write it, weight)
    ("Stöld", 12), ("Inbrott", 7), ("Skadegörelse", 8), ("Misshandel", 6), ("Brand", 6),
    ("Trafikolycka", 8), ("Sammanfattning natt", 7), ("Trafikkontroll", 4), ("Rattfylleri", 5),
    ("Narkotikabrott", 4), ("Olaga hot", 3), ("Rån", 2), ("Bråk", 3), ("Information", 2),
    ("Övrigt", 3), ("Stöld ", 2), ("Rån, försök", 1), ("Motorfordon, stöld", 2),
    ("Ordningslagen", 1), ("Fylleri/LOB", 2), ("Sprängning", 0.5),
]  # fmt: skip
SUMMARIES = {
    "Stöld": ["En cykel stals{at}.", "Stöld ur bil{at}.", "Butiksstöld{at}."],
    "Inbrott": ["Inbrott i en villa{at}.", "Inbrott i ett förråd{at}."],
    "Skadegörelse": ["Fönster krossade{at}.", "Skadegörelse på en busskur{at}."],
    "Misshandel": ["En person misshandlades{at}, lindriga skador."],
    "Brand": ["Brand i en container{at}.", "En bil brann{at}."],
    "Trafikolycka": ["Två bilar kolliderade{at}, inga personskador."],
    "Sammanfattning natt": ["Lugn natt i länet."],
    "Trafikkontroll": ["Hastighetskontroll{at}."],
    "Rattfylleri": ["En bilförare misstänks för rattfylleri{at}."],
    "Narkotikabrott": ["En person misstänks för ringa narkotikabrott{at}."],
    "Olaga hot": ["En person hotades{at}."],
    "Rån": ["Rån mot en person{at}."],
    "Bråk": ["Bråk mellan flera personer{at}."],
    "Information": ["Polisen informerar om bedrägerier via telefon."],
    "Övrigt": ["Polisen var på plats{at}."],
    "Rån, försök": ["Försök till rån{at}."],
    "Motorfordon, stöld": ["En moped stals{at}."],
    "Ordningslagen": ["Fyrverkerier{at}."],
    "Fylleri/LOB": ["En berusad person omhändertogs{at}."],
    "Sprängning": ["En smäll hördes{at}."],
}
SPOTS = ["vid stationen i Ramdal", "i Sunda", "på torget i Centrum", "i Frösäng", "i Stenvik"]


def pick(rng: random.Random, items: list[tuple[str, float]]) -> str:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]


def two(n: int, rng: random.Random, untidy: float) -> str:
    """An hour as archives write it: mostly '08', sometimes '8'."""
    return str(n) if n < 10 and rng.random() < untidy else f"{n:02d}"


def event(i: int, rng: random.Random) -> tuple[datetime, dict[str, object]]:
    place, gps = pick(rng, [(f"{p}|{g}", w) for p, g, w in PLACES]).split("|")
    kind = pick(rng, TYPES)
    when = START + timedelta(minutes=int(rng.random() * DAYS * 24 * 60))
    published = when + timedelta(minutes=20 + int(rng.random() * 300))
    if i == 0:  # New Year's night: named in December, published in January
        place, gps, kind = PLACES[0][0], PLACES[0][1], "Brand"
        when, published = datetime(2021, 12, 31, 23, 40), datetime(2022, 1, 1, 0, 10, 12)
    hh, mm = two(when.hour, rng, 0.3), f"{when.minute:02d}"
    clock = f"{hh}.{mm}" if rng.random() < 0.15 else f"{hh}:{mm}"
    day = f"{when.day} {MONTHS[when.month - 1]}"
    stamp = day if rng.random() < 0.05 else f"{day} {clock}"
    at = ""
    if place == "Oxelösund" and rng.random() < 0.5:
        at = " " + SPOTS[int(rng.random() * len(SPOTS))]
    texts = SUMMARIES[kind.strip()]
    summary = texts[int(rng.random() * len(texts))].format(at=at)
    slug = f"{day}-{clock}-{kind.strip()}-{place}".lower().replace(" ", "-")
    item: dict[str, object] = {
        "id": 400000 + i,
        "datetime": f"{published:%Y-%m-%d} {two(published.hour, rng, 0.1)}:"
        f"{published:%M:%S} +01:00",
        "name": f"{stamp}, {kind.strip()}, {place}",
        "summary": summary,
        "url": f"/aktuellt/handelser/{when.year}/{MONTHS[when.month - 1]}/{when.day}/{slug}/",
        "type": kind,
        "location": {"name": place, "gps": gps},
    }
    if i % 140 == 7:  # now and then the feed has an event without its location
        del item["location"]
    return published, item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "polisen")
    out = parser.parse_args().out
    rng = random.Random(SEED)
    events = sorted((event(i, rng) for i in range(COUNT)), key=lambda e: e[0], reverse=True)
    out.mkdir(parents=True, exist_ok=True)
    first = [e for p, e in events if p < datetime(2022, 1, 10)]
    later = [e for p, e in events if p >= datetime(2021, 12, 28)]
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in first)
    (out / "events-2021-12.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    jsonl = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in later)
    (out / "events-2022-01.jsonl").write_text(jsonl, encoding="utf-8")


if __name__ == "__main__":
    main()
