#!/usr/bin/env python3
"""Write the demo workspace's SYNTHETIC incident exports for 2019, 2020 and 2021.

Every row is made up. The script shapes them like a year of EST reporting in Oxelösund
(weekday and time-of-day patterns, seasons, holidays, several reporting organisations) and
makes them agree, by construction, with the published facts of the medborgarlöfte 2021
follow-up of the first tertial (see examples/README.md):

- 1 Jan - 30 Apr 2021 holds exactly 23 skadegörelse + klotter rows and 25 stöld + inbrott
  rows (inbrottsförsök counted as inbrott), most of them in Centrum, Ramdal and Sunda. These
  rows are listed one by one in PLANNED_T1_2021; the random background never adds rows of
  those categories in that period.
- Villa burglaries in Sunda cluster in February to mid-March 2021, peak in ISO week 2021-W10
  (a hotspot for the weekly report) and stop after the police operation of 15-19 March.
- Ramdal has a burst of ordningsstörning in the evenings of 9-11 March 2021 (2021-W10).

The exports look as a reporting tool writes them from Excel: ';'-separated, Swedish
headers, CRLF line ends, one file per month; 2020 in Windows-1252, 2021 in UTF-8 with BOM.
Some rows have no time, and areas and categories are sometimes spelled by an alias.

2019 was added later, for the yearly lägesbild's earlier years: it is drawn from a random
stream of its own (SEED_2019), so the 2020 and 2021 files stay byte for byte as they were.

Standard library only, and only `random.Random.random()` from fixed seeds, so the output is
byte-identical on every run and Python version:

    python examples/generate_incidents.py              # writes data/incidents/
    python examples/generate_incidents.py --out DIR    # writes somewhere else
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 2021_0430
FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2021, 12, 31)
# 2019: its own stream, so adding it changed no row of the years after it
SEED_2019 = 2019_1231
FIRST_DAY_2019 = date(2019, 1, 1)
LAST_DAY_2019 = date(2019, 12, 31)
# How 2019 differs from a plain year (1.0): more skadegörelse, klotter and samling, fewer
# inbrott and reports of dark places, so the lägesbild's years show real change.
YEAR_2019 = {
    "skadegorelse": 1.4,
    "klotter": 1.45,
    "samling": 1.2,
    "inbrott": 0.7,
    "otrygg_plats": 0.8,
    "narkotika": 0.8,
}
HEADER = [
    "Händelse-ID",
    "Datum",
    "Tid",
    "Område",
    "Plats",
    "Kategori",
    "Organisation",
    "Allvarlighetsgrad",
    "Beskrivning",
]
ENCODING = {2019: "cp1252", 2020: "cp1252", 2021: "utf-8-sig"}

# --- reporting organisations ----------------------------------------------------------

FALT = "Kommunen/fältgruppen"
VAKT = "Vaktbolaget"
POLIS = "Polisen"
KUST = "Kustbostäder"
RTJ = "Räddningstjänsten"
HEMT = "Hemtjänsten natt"
SKOLA = "Skolan"

# --- areas: how exports spell them, and places in them ----------------------------------

# area id -> (spellings with weights, places)
AREAS: dict[str, tuple[list[tuple[str, float]], list[str]]] = {
    "centrum": (
        [("Centrum", 0.7), ("Oxelösund C", 0.2), ("centrum", 0.1)],
        [
            "Järntorget",
            "Koordinaten",
            "Resecentrum",
            "Biblioteket",
            "Oxelöskolan",
            "Stadsparken",
            "Badhuset",
            "Parkeringen vid Koordinaten",
        ],
    ),
    "ramdal": (
        [("Ramdal", 0.6), ("Ramdalsområdet", 0.4)],
        [
            "Ramdalsskolan",
            "Ramdals centrum",
            "Ramdalsparken",
            "Fritidsgården",
            "Gångtunneln",
            "Lekplatsen",
            "Parkeringen",
        ],
    ),
    "sunda": (
        [("Sunda", 0.6), ("Sundaområdet", 0.4)],
        ["Sunda hamn", "Villaområdet", "Sundaskolan", "Badplatsen", "Båtklubben", "Parkeringen"],
    ),
    "frosang": (
        [("Frösäng", 0.75), ("Frösängsområdet", 0.25)],
        ["Frösängsskolan", "Frösängs centrum", "Idrottsplatsen", "Motionsspåret", "Lekplatsen"],
    ),
    "peterslund": (
        [("Peterslund", 0.85), ("Peterslundsområdet", 0.15)],
        ["Peterslundsskolan", "Peterslunds torg", "Gång- och cykelvägen", "Förrådslängan"],
    ),
    "stenvik": (
        [("Stenvik", 1.0)],
        ["Stenviks hamn", "Stenviksbadet", "Fritidshusområdet", "Vändplanen"],
    ),
    "danvik": (
        [("Danvik", 0.8), ("Danviksområdet", 0.2)],
        ["Busshållplatsen", "Skogsdungen", "Parkeringen", "Lekplatsen"],
    ),
    "femore": (
        [("Femöre", 0.5), ("Jogersö", 0.5)],
        ["Jogersö badplats", "Jogersö camping", "Femörefortet", "Femörehuvud", "Parkeringen"],
    ),
}
BASE_AREA_WEIGHTS = {
    "centrum": 0.27,
    "ramdal": 0.19,
    "sunda": 0.14,
    "frosang": 0.10,
    "peterslund": 0.10,
    "stenvik": 0.07,
    "danvik": 0.07,
    "femore": 0.06,
}

# --- when things happen -----------------------------------------------------------------

# Weekday factors (Monday first, mean 1) and hour-of-day weights per profile.
WEEKDAY = {
    "night": (0.65, 0.65, 0.75, 0.9, 1.6, 1.75, 0.7),
    "day": (1.15, 1.15, 1.15, 1.15, 1.1, 0.65, 0.65),
    "mixed": (1.0, 1.0, 1.0, 1.0, 1.1, 1.0, 0.9),
}
HOURS = {
    # evenings and nights; hours 0-5 belong to the night after the drawn evening
    "night": (6, 5, 4, 2.5, 1.2, 0.5, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5,
              0.6, 0.7, 0.8, 1.0, 1.4, 2.0, 3.0, 4.0, 5.5, 6.5, 7.0, 7.0),
    "day": (0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.8, 2, 4, 5, 5, 4.5,
            4, 4.5, 5, 4.5, 3.5, 2.5, 1.5, 1, 0.6, 0.4, 0.2, 0.1),
    "mixed": (1, 0.8, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 1.5, 2, 2.5, 3,
              3, 3, 3, 3.5, 4, 4.5, 4.5, 4, 3.5, 3, 2, 1.5),
}  # fmt: skip
# Month factors, January first.
SUMMER = (0.7, 0.7, 0.8, 0.9, 1.1, 1.45, 1.6, 1.45, 1.1, 0.85, 0.75, 0.75)
STRONG_SUMMER = (0.4, 0.4, 0.6, 1.0, 1.4, 1.7, 1.8, 1.6, 1.2, 0.8, 0.5, 0.4)
DARK = (1.7, 1.5, 1.1, 0.7, 0.5, 0.4, 0.4, 0.5, 0.8, 1.3, 1.8, 1.9)
MILD = (0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2, 1.2, 1.0, 1.0, 0.9, 0.9)
FLAT = (1.0,) * 12
TERM = (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.3, 0.7, 1.0, 1.0, 1.0, 1.0)
WINTER_BREAKINS = (1.1, 1.0, 0.9, 0.9, 0.9, 1.2, 1.3, 1.0, 0.9, 1.0, 1.1, 1.2)


@dataclass(frozen=True)
class Kind:
    """How one category of incident behaves in the synthetic data."""

    rate: float  # rows per week before season, weekday and year factors
    profile: str  # key of WEEKDAY and HOURS
    season: Sequence[float]
    years: dict[int, float]
    areas: dict[str, float]
    orgs: dict[str, float]
    texts: Sequence[tuple[str, str | None]]  # (description, category spelling or None)
    labels: Sequence[tuple[str, float]]  # how the export spells the category
    no_time: float  # share of rows without a time
    severity: Sequence[float]  # weights of severity 1, 2, 3
    places: Sequence[str] = ()  # words that make a place more likely


KINDS: dict[str, Kind] = {
    "nedskrapning": Kind(
        6.0,
        "day",
        SUMMER,
        {2020: 1.0, 2021: 1.1},
        {"centrum": 0.25, "ramdal": 0.15, "sunda": 0.12, "femore": 0.15, "stenvik": 0.1},
        {FALT: 3, VAKT: 2, KUST: 2},
        [
            ("Skräp och tomflaskor efter kvällens samling", None),
            ("Nedskräpat vid grillplatsen", None),
            ("Överfulla papperskorgar", None),
            ("Glassplitter på gångvägen", None),
            ("Dumpade sopsäckar", None),
            ("Fimpar och skräp vid entrén", None),
        ],
        [("Nedskräpning", 0.9), ("Skräp", 0.1)],
        0.35,
        (0.7, 0.25, 0.05),
        ("badplats", "camping", "parken", "torget", "Lekplatsen"),
    ),
    "samling": Kind(
        5.0,
        "night",
        SUMMER,
        {2020: 1.25, 2021: 0.95},
        {"centrum": 0.35, "ramdal": 0.2, "femore": 0.1, "peterslund": 0.1, "sunda": 0.08},
        {FALT: 4, VAKT: 3, POLIS: 2, HEMT: 1},
        [
            ("Grupp om 10-15 ungdomar, hög ljudnivå", None),
            ("Ungdomar samlade med mopeder", None),
            ("Samling, boende upplever otrygghet", None),
            ("Större grupp, viss alkohol", None),
            ("Unga samlade efter stängningsdags", None),
        ],
        [("Otrygghetsskapande samling", 0.7), ("Ungdomssamling", 0.3)],
        0.05,
        (0.5, 0.4, 0.1),
        ("torget", "centrum", "Fritidsgården", "badplats", "Resecentrum"),
    ),
    "ordningsstorning": Kind(
        4.0,
        "night",
        MILD,
        {2020: 1.0, 2021: 1.05},
        {
            "centrum": 0.42,
            "ramdal": 0.12,
            "sunda": 0.1,
            "peterslund": 0.1,
            "frosang": 0.08,
            "stenvik": 0.06,
            "danvik": 0.06,
            "femore": 0.06,
        },
        {POLIS: 4, VAKT: 3, KUST: 2, HEMT: 1},
        [
            ("Högljudda personer, störning för boende", None),
            ("Bråk mellan ungdomar", None),
            ("Smällare mot fasad", None),
            ("Berusad person stör", None),
            ("Musik och oljud sent på natten", None),
        ],
        [("Ordningsstörning", 0.85), ("Störning", 0.15)],
        0.05,
        (0.5, 0.4, 0.1),
        ("torget", "centrum", "Resecentrum"),
    ),
    "otrygg_plats": Kind(
        2.8,
        "day",
        DARK,
        {2020: 0.85, 2021: 1.2},
        {"centrum": 0.25, "ramdal": 0.2, "peterslund": 0.15, "frosang": 0.12, "sunda": 0.1},
        {FALT: 3, HEMT: 3, KUST: 2, VAKT: 1},
        [
            ("Trasig gatubelysning på gångvägen", "Bristande belysning"),
            ("Mörk passage, behov av belysning", "Bristande belysning"),
            ("Växtlighet skymmer sikten", None),
            ("Boende upplever platsen som otrygg kvällstid", "Otrygg miljö"),
        ],
        [("Otrygg plats (belysning, insyn)", 0.6), ("Otrygg plats", 0.4)],
        0.4,
        (0.6, 0.35, 0.05),
        ("Gångtunneln", "cykelvägen", "Motionsspåret", "Parkering"),
    ),
    "trafik": Kind(
        2.6,
        "day",
        STRONG_SUMMER,
        {2020: 1.0, 2021: 1.15},
        {
            "centrum": 0.2,
            "femore": 0.15,
            "stenvik": 0.15,
            "sunda": 0.12,
            "frosang": 0.12,
            "ramdal": 0.1,
        },
        {POLIS: 3, FALT: 2, VAKT: 1, HEMT: 1},
        [
            ("Buskörning med moped", "Mopedbuskörning"),
            ("EPA-traktorer i hög fart", None),
            ("Mopeder på gång- och cykelväg", None),
            ("Crossåkning i skogsområde", "Buskörning"),
            ("Biltrafik i bilfritt område", None),
        ],
        [("Olovlig trafik/buskörning", 0.7), ("Buskörning", 0.3)],
        0.05,
        (0.6, 0.35, 0.05),
        ("Parkering", "vägen", "torg", "Motionsspåret", "hamn", "Vändplanen"),
    ),
    "narkotika": Kind(
        1.3,
        "night",
        FLAT,
        {2020: 0.9, 2021: 1.1},
        {"centrum": 0.35, "ramdal": 0.25, "peterslund": 0.1},
        {POLIS: 3, FALT: 2, VAKT: 1},
        [
            ("Misstänkt langning vid parkeringen", None),
            ("Tydlig cannabislukt", None),
            ("Misstänkt droghandel", None),
        ],
        [("Misstänkt droghantering", 0.8), ("Droger", 0.2)],
        0.1,
        (0.3, 0.5, 0.2),
        ("Parkering", "Resecentrum"),
    ),
    "hot_vald": Kind(
        0.9,
        "night",
        MILD,
        {2020: 1.0, 2021: 1.0},
        {"centrum": 0.45, "ramdal": 0.15},
        {POLIS: 4, VAKT: 1, SKOLA: 1},
        [
            ("Hot mellan ungdomar", "Hot"),
            ("Misshandel, polis på plats", "Misshandel"),
            ("Hotfull person utomhus", None),
        ],
        [("Hot och våld", 1.0)],
        0.05,
        (0.1, 0.5, 0.4),
        ("torget", "Resecentrum"),
    ),
    "incident_personal": Kind(
        0.9,
        "day",
        TERM,
        {2020: 1.0, 2021: 1.0},
        {"centrum": 0.35, "ramdal": 0.2},
        {SKOLA: 3, HEMT: 2, VAKT: 2, FALT: 1},
        [
            ("Personal utsatt för hot", None),
            ("Personal utsatt för glåpord", None),
            ("Hotfullt bemötande mot personal", None),
        ],
        [("Incident mot personal", 0.8), ("Hot mot personal", 0.2)],
        0.05,
        (0.3, 0.5, 0.2),
        ("skolan", "Fritidsgården", "Badhuset", "Biblioteket"),
    ),
    "anlagd_brand": Kind(
        0.5,
        "night",
        MILD,
        {2020: 1.1, 2021: 0.9},
        {"centrum": 0.25, "ramdal": 0.25, "peterslund": 0.1},
        {RTJ: 5, POLIS: 1, VAKT: 1},
        [
            ("Brand i papperskorg", None),
            ("Brand i container", None),
            ("Anlagd brand i buskage", None),
            ("Brand i soprum, släckt", None),
        ],
        [("Anlagd brand", 0.8), ("Brand", 0.2)],
        0.05,
        (0.3, 0.5, 0.2),
        ("skolan", "Lekplatsen", "parken"),
    ),
    "olovligt_boende": Kind(
        0.25,
        "mixed",
        DARK,
        {2020: 1.0, 2021: 1.0},
        {"centrum": 0.3, "ramdal": 0.3},
        {KUST: 3, VAKT: 1},
        [("Person sover i trapphus", None), ("Tecken på övernattning i förråd", None)],
        [("Olovligt boende", 1.0)],
        0.3,
        (0.6, 0.4, 0.0),
        ("Förråd",),
    ),
    "ran": Kind(
        0.08,
        "night",
        FLAT,
        {2020: 1.0, 2021: 1.0},
        {"centrum": 0.6},
        {POLIS: 1},
        [("Personrån, polisen utreder", None)],
        [("Rån", 1.0)],
        0.0,
        (0.0, 0.3, 0.7),
        ("Resecentrum", "torget"),
    ),
    "arrangemang": Kind(
        0.25,
        "mixed",
        SUMMER,
        {2020: 0.4, 2021: 0.6},
        {"centrum": 0.4, "femore": 0.2},
        {FALT: 2, POLIS: 1},
        [("Evenemang med mycket folk", None), ("Idrottsevenemang, trafik och parkering", None)],
        [("Arrangemang", 1.0)],
        0.1,
        (1.0, 0.0, 0.0),
        ("torget", "Idrottsplatsen", "Femörefortet"),
    ),
    "ryktesspridning": Kind(
        0.25,
        "mixed",
        TERM,
        {2020: 1.0, 2021: 1.0},
        {"centrum": 0.4, "ramdal": 0.2},
        {FALT: 2, SKOLA: 2},
        [("Rykte i sociala medier om planerat bråk", None), ("Rykte om fest i helgen", None)],
        [("Ryktesspridning", 1.0)],
        0.2,
        (1.0, 0.0, 0.0),
        ("skolan",),
    ),
    "skadegorelse": Kind(
        1.3,
        "night",
        MILD,
        {2020: 1.3, 2021: 1.0},
        {"centrum": 0.3, "ramdal": 0.22, "sunda": 0.14, "frosang": 0.1},
        {VAKT: 3, KUST: 3, FALT: 2, POLIS: 1, SKOLA: 1},
        [
            ("Krossad ruta i busskur", None),
            ("Sönderslagen papperskorg", "Skadegörelse/vandalisering"),
            ("Stenkastning mot fönster", "Stenkastning"),
            ("Vandaliserad lekutrustning", "Skadegörelse/vandalisering"),
            ("Sönderslagen belysningsarmatur", None),
            ("Sparkad dörr, skadat lås", None),
        ],
        [("Skadegörelse", 0.8), ("Skadegörelse/vandalisering", 0.2)],
        0.3,
        (0.5, 0.4, 0.1),
        ("skolan", "Lekplatsen", "Resecentrum", "Busshållplatsen", "parken"),
    ),
    "klotter": Kind(
        0.6,
        "night",
        MILD,
        {2020: 1.3, 2021: 1.0},
        {"centrum": 0.35, "ramdal": 0.25, "peterslund": 0.1},
        {FALT: 3, KUST: 3, VAKT: 2, SKOLA: 1},
        [
            ("Klotter på fasad", None),
            ("Klotter i gångtunnel", None),
            ("Taggar på elskåp", "Klotter/graffiti"),
            ("Klotter på skolans vägg", None),
        ],
        [("Klotter", 0.85), ("Klotter/graffiti", 0.15)],
        0.5,
        (0.8, 0.2, 0.0),
        ("Gångtunneln", "skolan", "Resecentrum"),
    ),
    "inbrott": Kind(
        0.7,
        "mixed",
        WINTER_BREAKINS,
        {2020: 0.75, 2021: 1.0},
        {
            "sunda": 0.2,
            "centrum": 0.18,
            "ramdal": 0.18,
            "frosang": 0.12,
            "stenvik": 0.12,
            "femore": 0.1,
        },
        {POLIS: 5, KUST: 1, SKOLA: 1},
        [
            ("Inbrott i källarförråd", None),
            ("Inbrott i villa", "Villainbrott"),
            ("Inbrottsförsök, bändmärken vid dörr", "Inbrottsförsök"),
            ("Inbrott i fritidshus", "Inbrott i fritidshus"),
        ],
        [("Inbrott", 1.0)],
        0.35,
        (0.1, 0.5, 0.4),
        ("Villaområdet", "Fritidshus", "Förråd"),
    ),
    "stold": Kind(
        1.0,
        "mixed",
        MILD,
        {2020: 0.9, 2021: 1.1},
        {"centrum": 0.3, "ramdal": 0.15, "sunda": 0.15},
        {POLIS: 5, VAKT: 1},
        [
            ("Cykelstöld", "Cykelstöld"),
            ("Stöld av katalysator från parkerad bil", "Katalysatorstöld"),
            ("Drivmedel tappat ur fordon", "Drivmedelsstöld"),
            ("Stöld ur bil", None),
            ("Stöld av båtmotor", None),
        ],
        [("Stöld", 1.0)],
        0.3,
        (0.3, 0.6, 0.1),
        ("Parkering", "hamn", "Båtklubben", "Koordinaten", "Resecentrum"),
    ),
}

# Days with more of some kinds; the factor applies to the evening of the day for night
# profiles (so New Year's Eve spills into 1 January).
HOLIDAYS: dict[tuple[int, int], dict[str, float]] = {
    (12, 31): {"ordningsstorning": 4, "anlagd_brand": 6, "samling": 2, "skadegorelse": 2},
    (1, 1): {"nedskrapning": 3, "ordningsstorning": 2},
    (4, 30): {"anlagd_brand": 8, "samling": 3, "ordningsstorning": 2.5, "nedskrapning": 2},
    (5, 1): {"nedskrapning": 3},
}
SCHOOL_END = {date(2019, 6, 14), date(2020, 6, 12), date(2021, 6, 11)}
MIDSUMMER_EVE = {date(2019, 6, 21), date(2020, 6, 19), date(2021, 6, 25)}

# Random background rows that must not be made: (categories, area or None, first, last day).
BLOCKED: list[tuple[set[str], str | None, date, date]] = [
    # The first tertial of 2021 holds exactly the planned rows of these categories.
    ({"skadegorelse", "klotter", "stold", "inbrott"}, None, date(2021, 1, 1), date(2021, 4, 30)),
    # No more villa burglaries in Sunda after the arrest, through the summer.
    ({"inbrott"}, "sunda", date(2021, 5, 1), date(2021, 8, 31)),
    # Ramdal's disturbances of week 10 are planned; the weekend after it stayed calm.
    ({"ordningsstorning"}, "ramdal", date(2021, 3, 8), date(2021, 3, 14)),
]

# --- planned rows -----------------------------------------------------------------------

# (date, time or "", area spelling, category spelling, place, organisation, severity, text)
Planned = tuple[str, str, str, str, str, str, int, str]

# 1 Jan - 30 Apr 2021: 23 skadegörelse + klotter (Centrum 8, Ramdal 7, Sunda 4, Frösäng 2,
# Peterslund 1, Danvik 1) and 25 stöld + inbrott (Sunda 11, Centrum 6, Ramdal 5, Stenvik 1,
# Femöre 1, Frösäng 1).
PLANNED_T1_2021: list[Planned] = [
    # skadegörelse and klotter
    ("2021-01-01", "00:40", "Centrum", "Skadegörelse", "Resecentrum", VAKT, 2,
     "Busskur sönderskjuten med smällare"),
    ("2021-01-09", "", "Ramdalsområdet", "Klotter", "Gångtunneln", KUST, 1,
     "Klotter i gångtunnel"),
    ("2021-01-16", "23:10", "Centrum", "Skadegörelse/vandalisering", "Järntorget", VAKT, 1,
     "Sönderslagen papperskorg"),
    ("2021-01-23", "21:50", "Ramdal", "Stenkastning", "Ramdalsskolan", SKOLA, 2,
     "Stenkastning mot fönster"),
    ("2021-01-30", "", "Sunda", "Skadegörelse", "Sundaskolan", SKOLA, 1,
     "Sparkad dörr, skadat lås"),
    ("2021-02-05", "22:30", "Centrum", "Klotter", "Koordinaten", VAKT, 1,
     "Klotter på fasad"),
    ("2021-02-06", "01:15", "Ramdal", "Skadegörelse", "Lekplatsen", KUST, 2,
     "Vandaliserad lekutrustning"),
    ("2021-02-13", "", "Frösäng", "Skadegörelse", "Idrottsplatsen", FALT, 1,
     "Skadat staket vid idrottsplatsen"),
    ("2021-02-19", "20:45", "Centrum", "Skadegörelse", "Stadsparken", FALT, 1,
     "Sönderslagen belysningsarmatur"),
    ("2021-02-20", "23:55", "Sundaområdet", "Stenkastning", "Villaområdet", POLIS, 2,
     "Stenkastning mot bil"),
    ("2021-02-27", "", "Peterslund", "Klotter", "Peterslundsskolan", SKOLA, 1,
     "Klotter på skolans vägg"),
    ("2021-03-05", "22:05", "Ramdalsområdet", "Skadegörelse/vandalisering", "Ramdals centrum",
     VAKT, 1, "Sönderslagen papperskorg"),
    ("2021-03-06", "", "Centrum", "Klotter/graffiti", "Resecentrum", FALT, 1,
     "Taggar på elskåp"),
    ("2021-03-13", "00:20", "Oxelösund C", "Skadegörelse", "Järntorget", POLIS, 2,
     "Krossad ruta i busskur"),
    ("2021-03-20", "21:35", "Ramdal", "Skadegörelse", "Fritidsgården", FALT, 2,
     "Krossad ruta"),
    ("2021-03-27", "", "Danvik", "Skadegörelse", "Busshållplatsen", FALT, 1,
     "Krossad ruta i busskur"),
    ("2021-04-02", "", "Sunda", "Klotter", "Sunda hamn", FALT, 1,
     "Klotter på båtklubbens förråd"),
    ("2021-04-03", "22:40", "Centrum", "Stenkastning", "Oxelöskolan", SKOLA, 2,
     "Stenkastning mot fönster"),
    ("2021-04-10", "", "Ramdal", "Klotter", "Ramdalsskolan", SKOLA, 1,
     "Klotter på skolans vägg"),
    ("2021-04-16", "23:30", "Frösängsområdet", "Skadegörelse/vandalisering", "Lekplatsen",
     VAKT, 1, "Vandaliserad lekutrustning"),
    ("2021-04-17", "01:50", "Sunda", "Skadegörelse", "Badplatsen", POLIS, 1,
     "Sönderslagen bänk"),
    ("2021-04-24", "", "Centrum", "Klotter", "Biblioteket", FALT, 1,
     "Klotter på fasad"),
    ("2021-04-30", "22:15", "Ramdal", "Skadegörelse", "Ramdalsparken", VAKT, 2,
     "Sönderslagen belysningsarmatur"),
    # inbrott (villa burglaries in Sunda: February to 15 March, peak in week 10)
    ("2021-02-04", "", "Sunda", "Villainbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa, upptäckt vid hemkomst"),
    ("2021-02-10", "13:20", "Sundaområdet", "Villainbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa dagtid"),
    ("2021-02-24", "", "Sunda", "Inbrottsförsök", "Villaområdet", POLIS, 2,
     "Inbrottsförsök, bändmärken vid altandörr"),
    ("2021-03-03", "11:45", "Sunda", "Villainbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa dagtid"),
    ("2021-03-08", "02:15", "Sundaområdet", "Villainbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa nattetid"),
    ("2021-03-09", "", "Sunda", "Inbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa, upptäckt vid hemkomst"),
    ("2021-03-09", "14:10", "Sunda", "Inbrottsförsök", "Villaområdet", POLIS, 2,
     "Inbrottsförsök, krossad ruta"),
    ("2021-03-10", "03:05", "Sunda", "Villainbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa nattetid"),
    ("2021-03-11", "01:40", "Sundaområdet", "Inbrott", "Villaområdet", POLIS, 3,
     "Inbrott i villa nattetid"),
    ("2021-03-15", "02:30", "Sunda", "Inbrottsförsök", "Villaområdet", POLIS, 2,
     "Inbrottsförsök, larmet gick"),
    ("2021-01-08", "", "Ramdal", "Inbrott", "Förrådslängan", KUST, 2,
     "Inbrott i källarförråd"),
    ("2021-01-12", "", "Centrum", "Inbrott", "Koordinaten", KUST, 2,
     "Inbrott i större förråd"),
    ("2021-01-22", "", "Stenvik", "Inbrott i fritidshus", "Fritidshusområdet", POLIS, 2,
     "Inbrott i fritidshus"),
    ("2021-02-16", "04:10", "Centrum", "Inbrottsförsök", "Koordinaten", VAKT, 2,
     "Inbrottsförsök, bändmärken vid dörr"),
    ("2021-03-30", "", "Ramdalsområdet", "Inbrott", "Ramdalsskolan", SKOLA, 3,
     "Inbrott i skola"),
    ("2021-04-06", "", "Jogersö", "Inbrottsförsök", "Jogersö camping", POLIS, 2,
     "Inbrottsförsök i stuga"),
    # stöld (catalytic converters and fuel among them)
    ("2021-01-19", "", "Sunda", "Katalysatorstöld", "Parkeringen", POLIS, 2,
     "Stöld av katalysator från parkerad bil"),
    ("2021-01-27", "16:30", "Centrum", "Cykelstöld", "Resecentrum", POLIS, 1,
     "Cykelstöld"),
    ("2021-02-06", "", "Ramdal", "Katalysatorstöld", "Parkeringen", POLIS, 2,
     "Stöld av katalysator från parkerad bil"),
    ("2021-02-07", "", "Ramdalsområdet", "Katalysatorstöld", "Parkeringen", POLIS, 2,
     "Stöld av katalysator från parkerad bil"),
    ("2021-02-20", "", "Centrum", "Katalysatorstöld", "Parkeringen vid Koordinaten", POLIS, 2,
     "Stöld av katalysator från parkerad bil"),
    ("2021-03-23", "", "Frösäng", "Drivmedelsstöld", "Idrottsplatsen", POLIS, 2,
     "Drivmedel tappat ur arbetsfordon"),
    ("2021-03-26", "", "Centrum", "Drivmedelsstöld", "Parkeringen vid Koordinaten", POLIS, 2,
     "Drivmedel tappat ur fordon"),
    ("2021-04-13", "15:05", "Oxelösund C", "Stöld", "Koordinaten", VAKT, 1,
     "Snatteri i butik"),
    ("2021-04-18", "", "Ramdal", "Drivmedelsstöld", "Parkeringen", POLIS, 2,
     "Drivmedel tappat ur fordon"),
]  # fmt: skip

# Ramdal, week 10 of 2021: youths gathering at Ramdals centrum after the youth club closed.
PLANNED_RAMDAL_W10: list[Planned] = [
    ("2021-03-09", "21:30", "Ramdal", "Ordningsstörning", "Ramdals centrum", VAKT, 2,
     "Högljudda ungdomar, störning för boende"),
    ("2021-03-09", "22:50", "Ramdalsområdet", "Ordningsstörning", "Ramdals centrum", POLIS, 2,
     "Bråk mellan ungdomar"),
    ("2021-03-10", "20:15", "Ramdal", "Ordningsstörning", "Fritidsgården", FALT, 1,
     "Smällare mot fasad"),
    ("2021-03-10", "23:40", "Ramdal", "Ordningsstörning", "Ramdals centrum", KUST, 2,
     "Musik och oljud sent på kvällen"),
    ("2021-03-11", "00:30", "Ramdalsområdet", "Ordningsstörning", "Ramdalsparken", POLIS, 2,
     "Bråk mellan ungdomar"),
]  # fmt: skip


def _fire_nights() -> list[Planned]:
    """Anlagd brand peaks: Valborg and New Year's night, every year of the data."""
    rows: list[Planned] = []
    nights = [
        ("2019-01-01", ("00:35", "01:20", "02:10")),
        ("2019-04-30", ("21:10", "22:20", "23:05")),
        ("2020-01-01", ("00:25", "01:10", "02:05")),
        ("2020-04-30", ("21:20", "22:05", "23:15")),
        ("2021-01-01", ("00:15", "00:55", "01:40")),
        ("2021-04-30", ("21:45", "22:30", "23:20")),
    ]
    spots = [
        ("Centrum", "Järntorget", "Brand i papperskorg"),
        ("Ramdalsområdet", "Ramdalsparken", "Brand i container"),
        ("Peterslund", "Gång- och cykelvägen", "Anlagd brand i buskage"),
    ]
    for day, times in nights:
        for (area, place, text), when in zip(spots, times, strict=True):
            rows.append((day, when, area, "Anlagd brand", place, RTJ, 2, text))
    return rows


# --- drawing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    day: date
    when: str  # "HH:MM" or ""
    area: str
    category: str
    place: str
    org: str
    severity: int
    text: str


def _pick(rng: random.Random, weights: Sequence[tuple[object, float]]) -> object:
    total = sum(w for _, w in weights)
    x = rng.random() * total
    for item, w in weights:
        x -= w
        if x < 0:
            return item
    return weights[-1][0]


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _day_factor(day: date, category: str) -> float:
    factor = HOLIDAYS.get((day.month, day.day), {}).get(category, 1.0)
    if day in SCHOOL_END and category in ("samling", "ordningsstorning"):
        factor *= 2
    if day in MIDSUMMER_EVE and category in ("samling", "ordningsstorning", "trafik"):
        factor *= 2
    near_valborg = abs((day - date(day.year, 4, 30)).days) <= 3
    near_new_year = (day.month, day.day) >= (12, 27) or (day.month, day.day) <= (1, 2)
    if category == "anlagd_brand" and (near_valborg or near_new_year):
        factor *= 2.5
    return factor


def _area_weights(kind: Kind, category: str, day: date) -> list[tuple[object, float]]:
    given = sum(kind.areas.values())
    rest = [a for a in BASE_AREA_WEIGHTS if a not in kind.areas]
    spare = max(0.0, 1.0 - given)
    base_rest = sum(BASE_AREA_WEIGHTS[a] for a in rest) or 1.0
    weights = dict(kind.areas)
    for a in rest:
        weights[a] = spare * BASE_AREA_WEIGHTS[a] / base_rest
    summer = day.month in (6, 7, 8)
    if summer and category in ("nedskrapning", "samling", "trafik", "arrangemang"):
        weights["femore"] *= 2.5
    if summer and category == "stold":
        weights["sunda"] *= 1.5
    return [(a, weights[a]) for a in BASE_AREA_WEIGHTS]


def _blocked(category: str, area: str, day: date) -> bool:
    return any(
        category in cats and (where is None or where == area) and first <= day <= last
        for cats, where, first, last in BLOCKED
    )


def _draw_row(
    rng: random.Random, category: str, kind: Kind, evening: date, last: date = LAST_DAY
) -> Row | None:
    hour = int(_pick(rng, list(enumerate(HOURS[kind.profile]))))  # type: ignore[arg-type]
    minute = int(rng.random() * 12) * 5
    day = evening + timedelta(days=1) if kind.profile == "night" and hour < 6 else evening
    if day > last:
        return None
    area = str(_pick(rng, _area_weights(kind, category, day)))
    spellings, places = AREAS[area]
    place_weights = [
        (p, 3.0 if any(w.lower() in p.lower() for w in kind.places) else 1.0) for p in places
    ]
    place = str(_pick(rng, place_weights))
    area_label = str(_pick(rng, spellings))
    if area == "femore":
        area_label = "Jogersö" if "Jogersö" in place else "Femöre"
    text, label = kind.texts[int(rng.random() * len(kind.texts))]
    if label is None:
        label = str(_pick(rng, kind.labels))
    org = str(_pick(rng, list(kind.orgs.items())))
    severity = int(_pick(rng, [(i + 1, w) for i, w in enumerate(kind.severity)]))  # type: ignore[arg-type]
    when = "" if rng.random() < kind.no_time else f"{hour:02d}:{minute:02d}"
    # the night home-care staff report at night, school staff in the daytime
    if when and org == HEMT and 7 <= hour < 18:
        org = FALT
    if when and org == SKOLA and not 7 <= hour < 18:
        org = VAKT
    if _blocked(category, area, day):
        return None
    return Row(day, when, area_label, label, place, org, severity, text)


def _year_factor(kind: Kind, category: str, year: int) -> float:
    return YEAR_2019.get(category, 1.0) if year == 2019 else kind.years[year]


def _background(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> list[Row]:
    rows: list[Row] = []
    day = first
    while day <= last:
        for category, kind in KINDS.items():
            mean = (
                kind.rate
                / 7
                * WEEKDAY[kind.profile][day.weekday()]
                * kind.season[day.month - 1]
                * _year_factor(kind, category, day.year)
                * _day_factor(day, category)
            )
            for _ in range(_poisson(rng, mean)):
                row = _draw_row(rng, category, kind, day, last)
                if row is not None:
                    rows.append(row)
        day += timedelta(days=1)
    return rows


def _planned(rows: list[Planned]) -> list[Row]:
    return [Row(date.fromisoformat(d), *rest) for d, *rest in rows]  # type: ignore[arg-type]


def build_rows() -> list[Row]:
    """All rows of the three years, in the order the export lists them."""
    rng = random.Random(SEED)
    rows = _background(rng)
    rows += _background(random.Random(SEED_2019), FIRST_DAY_2019, LAST_DAY_2019)
    rows += _planned(PLANNED_T1_2021) + _planned(PLANNED_RAMDAL_W10) + _planned(_fire_nights())
    rows.sort(key=lambda r: (r.day, r.when or "12:00", r.area, r.category, r.place, r.text))
    return rows


def export_files(rows: list[Row]) -> dict[str, bytes]:
    """File name -> bytes of each monthly export, with ids numbered per year."""
    by_month: dict[str, list[list[str]]] = {}
    serial: dict[int, int] = {}
    for row in rows:
        serial[row.day.year] = serial.get(row.day.year, 0) + 1
        ident = f"OX{row.day.year % 100}-{serial[row.day.year]:05d}"
        by_month.setdefault(f"{row.day:%Y-%m}", []).append(
            [
                ident,
                row.day.isoformat(),
                row.when,
                row.area,
                row.place,
                row.category,
                row.org,
                str(row.severity),
                row.text,
            ]
        )
    files: dict[str, bytes] = {}
    for month, lines in sorted(by_month.items()):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(lines)
        files[f"{month}.csv"] = buffer.getvalue().encode(ENCODING[int(month[:4])])
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "data" / "incidents",
        help="folder to write the monthly CSV files to (default: data/incidents)",
    )
    args = parser.parse_args(argv)
    rows = build_rows()
    files = export_files(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    per_year = {y: sum(1 for r in rows if r.day.year == y) for y in ENCODING}
    summary = ", ".join(f"{y}: {n} rows" for y, n in per_year.items())
    print(f"wrote {len(files)} files to {args.out} ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
