#!/usr/bin/env python3
"""Write a complete SYNTHETIC est workspace with N incident rows, for benchmarks.

    python benchmarks/generate.py OUT_DIR --rows 1000000 [--files 12] [--seed 1] [--year 2025]

OUT_DIR gets est.yaml (areas with aliases, the default categories plus a few aliases, the
sources glob, publication and hotspot settings), pledges/YEAR.yaml (valid for the whole
year, with follow-ups of T1 and T2 and two insatser), weeks/YEAR-W20.yaml, and the rows in
data/incidents/*.csv: by default 12 monthly files covering the whole calendar year, with
every day present so that each tertial is fully covered.

The exports look like what reporting tools and Excel write in Swedish municipalities:
';'-separated, CRLF line ends, Swedish headers (two tool versions with different header
names and column order), some files Windows-1252 and the others UTF-8 (mostly with a BOM),
areas and categories written by name, alias, id, in upper or lower case or with stray
spaces, descriptions with quoted ';', doubled quotes and line breaks inside the quotes,
about a fifth of the rows without a time, and some dates in the other forms est accepts
(20250314, 14/3/2025, 14.3.2025, 14 mars 2025, Excel serial numbers, date and time in
the date column).

A few percent of the rows are bad in ways est excludes and counts (or keeps and flags)
without refusing to build a document: see BAD_ROWS. No problem is of a kind that stops
`est week build` (a whole unreadable file), so every command exits 0 except `est check`,
which exits 1 because the data has errors.

Deterministic: the same arguments write byte-identical files. Every row is made up; the
personal identity numbers are invented, written with a separator and a plausible date so
that est finds them. Rows are assembled with numpy and plain string joins: a million rows
take a few seconds.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

MUNICIPALITY = "Sjöviks kommun"
PLACE = "Sjövik"
ID_PREFIX = "SJ"
NOTES_WEEK = 20  # weeks/YEAR-W20.yaml: the week the benchmark builds (mid-May, in T2)

# What each generated bad row is, with its share of all rows, and what est does with it.
# None of these makes `est week build` or `est tertial render` refuse to run: the rows are
# excluded from the figures and counted in the data note (or kept, for personnummer and
# bad severity), and `est check` reports each of them.
BAD_ROWS: dict[str, tuple[float, str]] = {
    "unknown_area": (0.008, "error unknown-area, row excluded (near-miss spelling)"),
    "unknown_category": (0.004, "error unknown-category, row excluded (near-miss spelling)"),
    "empty_category": (0.004, "error unknown-category ('the category is empty'), excluded"),
    "bad_date": (0.005, "error bad-date, row excluded"),
    "bad_time": (0.002, "error bad-time, row excluded"),
    "duplicate_id": (0.003, "error duplicate-id, the repeated row excluded"),
    "personnummer": (0.002, "error personnummer, masked, row kept and counted"),
    "bad_severity": (0.002, "warning bad-number, the value is left out, row kept"),
}
NO_TIME_SHARE = 0.2

# --- areas: id, display name, aliases in est.yaml, near-miss spellings est does not know --


@dataclass(frozen=True)
class AreaSpec:
    id: str
    name: str
    aliases: tuple[str, ...]
    near_misses: tuple[str, ...]
    places: tuple[str, ...]
    weight: float


AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "centrum",
        "Centrum",
        ("Sjövik C", "Sjöviks centrum", "Centrala Sjövik", "Sjovik C"),
        ("Centrumm", "Sjöviks centum"),
        ("Stortorget", "Resecentrum", "Biblioteket", "Stadsparken", "Gallerian", "Badhuset"),
        0.24,
    ),
    AreaSpec(
        "norrang",
        "Norräng",
        ("Norrängsområdet", "Norrang"),
        ("Norrängg", "Norängsområdet"),
        ("Norrängsskolan", "Norrängs centrum", "Fritidsgården", "Gångtunneln", "Lekplatsen"),
        0.14,
    ),
    AreaSpec(
        "backa",
        "Bäcka",
        ("Bäckaområdet", "Backa", "Bäcka villaområde"),
        ("Bäckaområde", "Bäcken"),
        ("Villaområdet", "Bäckaskolan", "Badplatsen", "Båtklubben", "Parkeringen"),
        0.12,
    ),
    AreaSpec(
        "hagalund",
        "Hagalund",
        ("Hagalundsområdet",),
        ("Hagalumd", "Hagalunds"),
        ("Hagalunds torg", "Idrottsplatsen", "Motionsspåret", "Förrådslängan"),
        0.10,
    ),
    AreaSpec(
        "strandviken",
        "Strandviken",
        ("Strandvik", "Strandvikens villaområde"),
        ("Strandvikken", "Strandviiken"),
        ("Strandbadet", "Fritidshusområdet", "Vändplanen", "Bryggan"),
        0.08,
    ),
    AreaSpec(
        "osterby",
        "Österby",
        ("Österbyområdet", "Osterby"),
        ("Österbyn", "Östebry"),
        ("Österbyskolan", "Busshållplatsen", "Skogsdungen", "Parkeringen"),
        0.09,
    ),
    AreaSpec(
        "hamnen",
        "Hamnen",
        ("Sjöviks hamn", "Hamnområdet"),
        ("Hamen", "Hamnområde"),
        ("Gästhamnen", "Färjeläget", "Magasinet", "Kajen"),
        0.07,
    ),
    AreaSpec(
        "alby",
        "Ålby",
        ("Ålbyområdet", "Alby"),
        ("Ålbyy", "Åbly"),
        ("Ålby centrum", "Ålbyskolan", "Lekplatsen", "Gång- och cykelvägen"),
        0.09,
    ),
    AreaSpec(
        "tallbacken",
        "Tallbacken",
        ("Tallbacksområdet",),
        ("Talbacken", "Tallbaken"),
        ("Tallbacksvägen", "Elljusspåret", "Parkeringen", "Kvarterslokalen"),
        0.07,
    ),
)

# --- categories: default-taxonomy id, spellings in the exports (weighted), profile, weight --


@dataclass(frozen=True)
class CategorySpec:
    id: str
    spellings: tuple[tuple[str, int], ...]  # spelling as exported, relative frequency
    near_misses: tuple[str, ...]
    profile: str  # "night", "day" or "mixed": when in the day it happens
    weight: float
    texts: tuple[str, ...]


CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(
        "nedskrapning",
        (("Nedskräpning", 8), ("Skräp", 1), ("nedskräpning", 1)),
        ("Nedskäpning",),
        "day",
        14,
        (
            "Skräp och tomflaskor efter kvällens samling",
            "Överfulla papperskorgar",
            "Dumpade sopsäckar",
            "Glassplitter på gångvägen",
        ),
    ),
    CategorySpec(
        "skadegorelse",
        (
            ("Skadegörelse", 6),
            ("Skadegörelse/vandalisering", 2),
            ("Stenkastning", 1),
            ("SKADEGÖRELSE", 1),
        ),
        ("Skadegörlse", "Skadegörelser"),
        "night",
        12,
        (
            "Krossad ruta i entrén",
            "Sönderslagen busskur",
            "Förstörd belysningsstolpe",
            "Sparkade dörrar i trapphuset",
        ),
    ),
    CategorySpec(
        "klotter",
        (("Klotter", 7), ("Klotter/graffiti", 2), ("klotter", 1)),
        ("Klottter",),
        "night",
        8,
        ("Klotter på fasad", "Taggar på elskåp", "Klotter i gångtunneln", "Klotter på skylt"),
    ),
    CategorySpec(
        "samling",
        (("Ungdomssamling", 5), ("Otrygghetsskapande samling", 4), ("samling ungdomar", 1)),
        ("Ungdomsamling",),
        "night",
        9,
        (
            "Samling, boende upplever otrygghet",
            "Större grupp ungdomar vid entrén",
            "Samling med högljudd musik",
        ),
    ),
    CategorySpec(
        "ordningsstorning",
        (("Ordningsstörning", 8), ("Störning", 1), ("ordningsstörning ", 1)),
        ("Ordningstörning",),
        "night",
        10,
        ("Bråk utanför restaurangen", "Högljudda personer på torget", "Fyrverkerier i trapphus"),
    ),
    CategorySpec(
        "stold",
        (
            ("Stöld", 5),
            ("Cykelstöld", 2),
            ("Katalysatorstöld", 1),
            ("Drivmedelsstöld", 1),
            ("snatteri", 1),
        ),
        ("Stöd",),
        "mixed",
        8,
        ("Stöld av cykel", "Katalysator stulen från bil", "Diesel tappad ur arbetsmaskin"),
    ),
    CategorySpec(
        "inbrott",
        (("Inbrott", 5), ("Inbrottsförsök", 2), ("Villainbrott", 2), ("Förrådsinbrott", 1)),
        ("Inbrot",),
        "mixed",
        5,
        ("Inbrott i villa dagtid", "Uppbrutet förråd", "Inbrottsförsök i skolans kök"),
    ),
    CategorySpec(
        "otrygg_plats",
        (("Otrygg plats (belysning, insyn)", 3), ("Bristande belysning", 4), ("Otrygg miljö", 3)),
        ("Bristande belysnig",),
        "day",
        6,
        ("Mörk passage, behov av belysning", "Igenvuxen buskage skymmer insyn", "Trasig lampa"),
    ),
    CategorySpec(
        "trafik",
        (("Olovlig trafik/buskörning", 4), ("Buskörning", 3), ("Mopedbuskörning", 2), ("EPA", 1)),
        ("Buskörnig",),
        "mixed",
        6,
        ("Mopeder på gångvägen", "Buskörning med EPA-traktor", "Biltrafik i bilfritt område"),
    ),
    CategorySpec(
        "hot_vald",
        (("Hot och våld", 4), ("Hot", 3), ("Misshandel", 1)),
        ("Hot och vål",),
        "night",
        4,
        ("Hot mellan ungdomar", "Hotfull person utomhus", "Knuff och slag vid busshållplatsen"),
    ),
    CategorySpec(
        "narkotika",
        (("Misstänkt droghantering", 5), ("Droger", 3), ("Narkotika", 2)),
        ("Misstänkt droghantring",),
        "night",
        4,
        ("Misstänkt langning vid parkeringen", "Lukt av cannabis i trapphuset"),
    ),
    CategorySpec(
        "incident_personal",
        (("Hot mot personal", 6), ("Incident mot personal", 4)),
        ("Hot mot persnal",),
        "day",
        3,
        ("Personal utsatt för glåpord", "Personal hotad vid stängning"),
    ),
    CategorySpec(
        "anlagd_brand",
        (("Anlagd brand", 6), ("Brand", 4)),
        ("Anlagd bran",),
        "night",
        2,
        ("Brand i papperskorg", "Brand i container", "Eldat på lekplatsen"),
    ),
    CategorySpec(
        "olovligt_boende",
        (("Olovligt boende", 8), ("Boende i förråd", 2)),
        ("Olovigt boende",),
        "night",
        1,
        ("Person sover i cykelrummet", "Tecken på boende i förrådet"),
    ),
    CategorySpec(
        "ran",
        (("Rån", 7), ("Personrån", 3)),
        ("Rån?",),
        "night",
        1,
        ("Ungdom rånad på mobiltelefon", "Rån vid bankomaten"),
    ),
    CategorySpec(
        "arrangemang",
        (("Arrangemang", 6), ("Evenemang", 4)),
        ("Arangemang",),
        "day",
        0.5,
        ("Marknad på torget", "Konsert i parken"),
    ),
    CategorySpec(
        "ryktesspridning",
        (("Ryktesspridning", 6), ("Rykten", 4)),
        ("Ryktespridning",),
        "mixed",
        0.5,
        ("Rykte om slagsmål efter skolan", "Rykten i sociala medier om hämnd"),
    ),
)

ORGANISATIONS = (
    ("Kommunen/fältgruppen", 5),
    ("Vaktbolaget", 4),
    ("Polisen", 3),
    ("Sjöviksbostäder", 3),
    ("Räddningstjänsten", 1),
    ("Hemtjänsten natt", 1),
    ("Skolan", 1),
    ("Fritidsgården", 1),
)

# Hour-of-day weights (0-23) per profile.
HOURS = {
    "night": (6, 5, 4, 2.5, 1.2, 0.5, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5,
              0.6, 0.7, 0.8, 1.0, 1.4, 2.0, 3.0, 4.0, 5.5, 6.5, 7.0, 7.0),
    "day": (0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.8, 2, 4, 5, 5, 4.5,
            4, 4.5, 5, 4.5, 3.5, 2.5, 1.5, 1, 0.6, 0.4, 0.2, 0.1),
    "mixed": (1, 0.8, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 1.5, 2, 2.5, 3,
              3, 3, 3, 3.5, 4, 4.5, 4.5, 4, 3.5, 3, 2, 1.5),
}  # fmt: skip
WEEKDAY = (0.9, 0.85, 0.9, 0.95, 1.2, 1.35, 0.85)  # Monday first
SEASON = (0.8, 0.75, 0.85, 0.95, 1.05, 1.2, 1.3, 1.25, 1.05, 0.95, 0.9, 0.95)  # January first

MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")  # fmt: skip
# Other accepted date forms (est_cli/load/dates.py) and their shares; the rest is ISO.
DATE_FORMS = (("compact", 0.03), ("slash", 0.04), ("dots", 0.03), ("words", 0.02),
              ("serial", 0.02), ("datetime", 0.04))  # fmt: skip
TIME_FORMS = (("colon", 0.85), ("dot", 0.10), ("bare", 0.05))
BAD_DATES = ("{y}-02-30", "31/2/{y}", "{y}-13-01", "14 mars", "igår", "?", "{y}-06-31", "0")
BAD_TIMES = ("25:10", "24:30", "12:75", "kväll", "?")
BAD_SEVERITIES = ("hög", "låg", "2,5", "x")

# The two header layouts: the reporting tool's current export, and an older version that
# some months were exported with (other names, other order; est recognises both).
LAYOUTS = {
    "current": (
        ("id", "Händelse-ID"),
        ("date", "Datum"),
        ("time", "Tid"),
        ("area", "Område"),
        ("place", "Plats"),
        ("category", "Kategori"),
        ("org", "Organisation"),
        ("severity", "Allvarlighetsgrad"),
        ("description", "Beskrivning"),
    ),
    "older": (
        ("id", "Ärendenummer"),
        ("date", "Datum"),
        ("time", "Klockslag"),
        ("category", "Händelsetyp"),
        ("area", "Stadsdel"),
        ("place", "Adress"),
        ("description", "Kommentar"),
        ("org", "Rapportör"),
        ("severity", "Allvarlighetsgrad"),
    ),
}


def _quote(text: str) -> str:
    """A CSV cell as Excel writes it: quoted when it holds ';', '"' or a line break."""
    if any(ch in text for ch in ';"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _weights(values: Sequence[float]) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def _pool(spellings: Sequence[tuple[str, int]]) -> list[str]:
    """Spellings repeated by their frequency, so a uniform index draws them by weight."""
    return [s for s, n in spellings for _ in range(n)]


def _area_spellings(spec: AreaSpec) -> list[str]:
    """How exports write an area: mostly the name, then aliases, id, odd case and spaces."""
    out = [(spec.name, 12)]
    out += [(a, 2) for a in spec.aliases]
    out += [(spec.id, 1), (spec.name.upper(), 1), (spec.name.lower(), 1), (f" {spec.name}  ", 1)]
    return _pool(out)


def _descriptions(spec: CategorySpec) -> list[str]:
    """Description cells (already CSV-quoted): plain, with ';', quotes and line breaks."""
    out = []
    for text in spec.texts:
        out += [_quote(text)] * 6
        out.append(_quote(f"{text}; anmält till fastighetsägaren"))
        out.append(_quote(f"{text}.\nÅterkommande problem, se tidigare rapporter."))
        out.append(_quote(f'{text}, boende säger "det händer varje helg"'))
        out.append(_quote(f"{text};\nåtgärdat dagen efter; följs upp"))
    out.append("")  # some rows have no description
    return out


def _personnummer_texts(rng: np.random.Generator, year: int, n: int = 16) -> list[str]:
    """Invented personal identity numbers in descriptions, in the forms people write them."""
    out = []
    for i in range(n):
        birth = date(year - 14 - int(rng.integers(0, 60)), 1, 1) + timedelta(
            days=int(rng.integers(0, 365))
        )
        tail = int(rng.integers(0, 10000))
        form = "%Y%m%d" if i % 2 else "%y%m%d"  # with and without the century
        number = f"{birth.strftime(form)}-{tail:04d}"
        out.append(_quote(f"Anmälaren uppgav personnummer {number}; kontakta vid behov"))
    return out


def _date_strings(days: list[date]) -> dict[str, np.ndarray]:
    """Every day of the year written in each accepted form."""
    excel_epoch = date(1899, 12, 30)
    forms = {
        "iso": [d.isoformat() for d in days],
        "compact": [f"{d:%Y%m%d}" for d in days],
        "slash": [f"{d.day}/{d.month}/{d.year}" for d in days],
        "dots": [f"{d.day}.{d.month}.{d.year}" for d in days],
        "words": [f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}" for d in days],
        "serial": [str((d - excel_epoch).days) for d in days],
    }
    return {k: np.array(v, dtype=object) for k, v in forms.items()}


def _time_strings() -> dict[str, np.ndarray]:
    minutes = range(24 * 60)
    forms = {
        "colon": [f"{m // 60:02d}:{m % 60:02d}" for m in minutes],
        "dot": [f"{m // 60:02d}.{m % 60:02d}" for m in minutes],
        "bare": [f"{m // 60:02d}{m % 60:02d}" for m in minutes],
    }
    return {k: np.array(v, dtype=object) for k, v in forms.items()}


def _choose(rng: np.random.Generator, n: int, forms: Sequence[tuple[str, float]]) -> np.ndarray:
    """For each of n rows: index of the form drawn (0 = the default, 1.. = forms[i-1])."""
    shares = [s for _, s in forms]
    return rng.choice(len(forms) + 1, size=n, p=[1 - sum(shares), *shares])


def _day_counts(rng: np.random.Generator, rows: int, days: list[date]) -> np.ndarray:
    """Rows per day: weekday and season weighted, every day (or each month's first and last
    day, for tiny sizes) at least one row, so every month and tertial is covered."""
    weight = _weights([WEEKDAY[d.weekday()] * SEASON[d.month - 1] for d in days])
    forced = np.zeros(len(days), dtype=np.int64)
    if rows >= 2 * len(days):
        forced[:] = 1
    else:
        for i, d in enumerate(days):
            if d.day == 1 or (d + timedelta(days=1)).month != d.month:
                forced[i] = 1
    return forced + rng.multinomial(rows - int(forced.sum()), weight)


def _file_spans(days: list[date], files: int) -> list[tuple[int, int]]:
    """Index ranges of days per file: calendar months for 12 files, else equal slices."""
    if files == 12:
        spans, start = [], 0
        for month in range(1, 13):
            n = calendar.monthrange(days[0].year, month)[1]
            spans.append((start, start + n))
            start += n
        return spans
    edges = np.linspace(0, len(days), files + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges)]


def _encoding(index: int) -> str:
    """Every third file as old Excel writes it (Windows-1252), the others UTF-8."""
    if index % 3 == 1:
        return "cp1252"
    return "utf-8" if index % 6 == 5 else "utf-8-sig"


def _layout(index: int) -> str:
    return "older" if index % 4 == 3 else "current"


def generate_rows(rows: int, year: int, seed: int, files: int) -> list[dict[str, object]]:
    """Build every export: returns [{'name', 'encoding', 'text', 'rows', 'bad'}] per file."""
    rng = np.random.default_rng(seed)
    days = [date(year, 1, 1) + timedelta(days=i) for i in range(366)]
    days = [d for d in days if d.year == year]
    counts = _day_counts(rng, rows, days)
    day_idx = np.repeat(np.arange(len(days)), counts)  # sorted by day, like an export
    n = len(day_idx)

    # what and where
    cat_w = _weights([c.weight for c in CATEGORIES])
    cat = rng.choice(len(CATEGORIES), size=n, p=cat_w)
    area = rng.choice(len(AREAS), size=n, p=_weights([a.weight for a in AREAS]))

    def table(lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Ragged lists as a padded object matrix plus each row's length."""
        width = max(len(x) for x in lists)
        mat = np.empty((len(lists), width), dtype=object)
        for i, x in enumerate(lists):
            mat[i, : len(x)] = x
        return mat, np.array([len(x) for x in lists])

    def pick(mat_len: tuple[np.ndarray, np.ndarray], which: np.ndarray) -> np.ndarray:
        mat, lengths = mat_len
        k = (rng.random(len(which)) * lengths[which]).astype(np.int64)
        return mat[which, k]

    area_txt = pick(table([_area_spellings(a) for a in AREAS]), area)
    cat_txt = pick(table([_pool(c.spellings) for c in CATEGORIES]), cat)
    place_txt = pick(table([list(a.places) for a in AREAS]), area)
    desc_txt = pick(table([_descriptions(c) for c in CATEGORIES]), cat)
    org_txt = np.array(_pool(ORGANISATIONS), dtype=object)[
        rng.integers(0, sum(w for _, w in ORGANISATIONS), size=n)
    ]
    severity = np.array(["1", "2", "3", ""], dtype=object)[
        rng.choice(4, size=n, p=[0.55, 0.3, 0.1, 0.05])
    ]

    # when: an hour from the category's profile, any minute; some rows without a time
    profiles = list(HOURS)
    cum = np.cumsum(np.array([_weights(HOURS[p]) for p in profiles]), axis=1)
    prof = np.array([profiles.index(c.profile) for c in CATEGORIES])[cat]
    hour = (rng.random(n)[:, None] > cum[prof]).sum(axis=1).clip(0, 23)
    minute = hour * 60 + rng.integers(0, 60, size=n)
    has_time = rng.random(n) >= NO_TIME_SHARE

    date_forms = _date_strings(days)
    date_txt = date_forms["iso"][day_idx].copy()
    form = _choose(rng, n, DATE_FORMS)
    for i, (name, _) in enumerate(DATE_FORMS, start=1):
        if name == "datetime":
            continue
        sel = form == i
        date_txt[sel] = date_forms[name][day_idx[sel]]
    time_forms = _time_strings()
    time_txt = time_forms["colon"][minute].copy()
    tform = _choose(rng, n, TIME_FORMS[1:])
    for i, (name, _) in enumerate(TIME_FORMS[1:], start=1):
        sel = tform == i
        time_txt[sel] = time_forms[name][minute[sel]]
    time_txt[~has_time] = ""
    in_date = (form == len(DATE_FORMS)) & has_time  # "2025-05-14 18:30" in Datum, Tid empty
    date_txt[in_date] = date_txt[in_date] + " " + time_forms["colon"][minute[in_date]]
    time_txt[in_date] = ""

    ids = np.array([f"{ID_PREFIX}{year % 100:02d}-{i + 1:07d}" for i in range(n)], dtype=object)

    # bad rows: one kind per row at most; never a file's first or last row, so that every
    # month keeps its first and last day
    kinds = list(BAD_ROWS)
    shares = [BAD_ROWS[k][0] for k in kinds]
    bad = rng.choice(len(kinds) + 1, size=n, p=[1 - sum(shares), *shares])  # 0 = good
    spans = _file_spans(days, files)
    day_first_row = np.concatenate([[0], np.cumsum(counts)])
    for a, b in spans:
        bad[day_first_row[a]] = 0
        bad[day_first_row[b] - 1] = 0
    dup = kinds.index("duplicate_id") + 1
    dup_rows = np.flatnonzero(bad == dup)
    dup_rows = dup_rows[dup_rows > 0]
    ok_prev = bad[dup_rows - 1] == 0  # the first of the pair must be a good row
    bad[dup_rows[~ok_prev]] = 0
    dup_rows = dup_rows[ok_prev]
    ids[dup_rows] = ids[dup_rows - 1]

    def rows_of(kind: str) -> np.ndarray:
        return np.flatnonzero(bad == kinds.index(kind) + 1)

    sel = rows_of("unknown_area")
    miss = table([list(a.near_misses) for a in AREAS])
    area_txt[sel] = pick(miss, area[sel])
    sel = rows_of("unknown_category")
    cat_txt[sel] = pick(table([list(c.near_misses) for c in CATEGORIES]), cat[sel])
    cat_txt[rows_of("empty_category")] = ""
    sel = rows_of("bad_date")
    bad_dates = np.array([b.format(y=year) for b in BAD_DATES], dtype=object)
    date_txt[sel] = bad_dates[rng.integers(0, len(bad_dates), size=len(sel))]
    sel = rows_of("bad_time")
    date_txt[sel] = date_forms["iso"][day_idx[sel]]  # the time must come from its own column
    time_txt[sel] = np.array(BAD_TIMES, dtype=object)[rng.integers(0, len(BAD_TIMES), len(sel))]
    sel = rows_of("personnummer")
    pnr = np.array(_personnummer_texts(rng, year), dtype=object)
    desc_txt[sel] = pnr[rng.integers(0, len(pnr), size=len(sel))]
    sel = rows_of("bad_severity")
    severity[sel] = np.array(BAD_SEVERITIES, dtype=object)[
        rng.integers(0, len(BAD_SEVERITIES), size=len(sel))
    ]

    columns = {
        "id": ids,
        "date": date_txt,
        "time": time_txt,
        "area": area_txt,
        "place": place_txt,
        "category": cat_txt,
        "org": org_txt,
        "severity": severity,
        "description": desc_txt,
    }
    out = []
    for index, (a, b) in enumerate(spans):
        lo, hi = int(day_first_row[a]), int(day_first_row[b])
        layout = LAYOUTS[_layout(index)]
        header = ";".join(h for _, h in layout)
        cols = [columns[key][lo:hi] for key, _ in layout]
        lines = [header, *map(";".join, zip(*cols, strict=True))]
        blank = ";" * (len(layout) - 1)
        lines += [blank, blank]  # Excel often leaves empty rows at the end
        first, last = days[a], days[b - 1]
        name = f"{first:%Y-%m}.csv" if files == 12 else f"{first}_{last}.csv"
        counted = {k: int((bad[lo:hi] == i).sum()) for i, k in enumerate(kinds, start=1)}
        out.append(
            {
                "name": name,
                "encoding": _encoding(index),
                "text": "\r\n".join(lines) + "\r\n",
                "rows": hi - lo,
                "bad": counted,
            }
        )
    return out


# --- settings, pledge and week notes --------------------------------------------------------


def settings_yaml(year: int) -> str:
    lines = [
        "# SYNTHETIC benchmark workspace written by benchmarks/generate.py; no row is real.",
        f"municipality: {MUNICIPALITY}",
        f"parties: [Polisen, {MUNICIPALITY}]",
        "language: sv",
        "timezone: Europe/Stockholm",
        "areas:",
    ]
    for a in AREAS:
        lines += [f"  - id: {a.id}", f"    name: {a.name}"]
        lines.append("    aliases: [" + ", ".join(a.aliases) + "]")
    lines += [
        "default_categories: true",
        "categories:",
        "  - id: skadegorelse",
        "    aliases: [Stenkastning]",
        "  - id: klotter",
        "    aliases: [Klotter/graffiti]",
        "  - id: otrygg_plats",
        "    aliases: [Otrygg miljö, Bristande belysning]",
        "  - id: trafik",
        "    aliases: [Mopedbuskörning, EPA]",
        # words est does not guess (AMBIGUOUS_CATEGORIES): this municipality has decided them
        "  - id: anlagd_brand",
        "    aliases: [Brand]",
        "  - id: samling",
        "    aliases: [Ungdomssamling, samling ungdomar]",
        "  - id: ordningsstorning",
        "    aliases: [Störning]",
        "sources:",
        "  incidents:",
        '    - files: ["data/incidents/*.csv"]',
        "publication:",
        "  suppress_below: 3",
        "weekly:",
        "  hotspot_baseline_weeks: 8",
        "  hotspot_min_count: 3",
        "  hotspot_p_value: 0.01",
    ]
    return "\n".join(lines) + "\n"


def pledge_yaml(year: int) -> str:
    return f"""\
# SYNTHETIC benchmark pledge written by benchmarks/generate.py; names are fictional.
title: Medborgarlöfte {year}
municipality: {MUNICIPALITY}
parties: [Polisen, {MUNICIPALITY}]
valid_from: {year}-01-01
valid_to: {year}-12-31
place: {PLACE}
signed: {year}-01-20
signatories:
  - name: Anna Påhittad
    role: Kommunstyrelsens ordförande
    organisation: {MUNICIPALITY}
    date: {year}-01-20
  - name: Per Exempelsson
    role: Lokalpolisområdeschef
    organisation: Polisen, lokalpolisområde Sjövik
    date: {year}-01-20
purpose: >-
  Tillsammans med invånarna vill polisen och kommunen göra boende- och utemiljön
  tryggare i hela {PLACE}.
method: >-
  Polisen och kommunen samordnar arbetet enligt EST, Effektiv samordning för trygghet:
  varje vecka en gemensam lägesbild och beslut om åtgärder.
expected_effect: Färre fall av skadegörelse, inbrott och stölder, och en tryggare centrumkärna.
follow_up_plan: Löftet följs upp varje tertial.
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: >-
      Klotter, stenkastning och förstörd utrustning i parker, skolor och bostadsområden.
    indicators:
      - categories: [skadegorelse, klotter]
        phrase: fall av skadegörelse
      - categories: [anlagd_brand]
        phrase: anlagda bränder
    activities:
      - id: rondering
        text: Vaktbolaget ronderar kvällar och nätter där lägesbilden pekar.
        owner: kommunen
        follow_ups:
          {year}-T1: {{status: pågår, note: Utökad rondering sedan februari.}}
          {year}-T2: {{status: pågår}}
      - id: trygghetsvandringar
        text: Vi genomför trygghetsvandringar med boende och fastighetsägare.
        owner: gemensamt
        target: {{count: 4, unit: trygghetsvandringar}}
        follow_ups:
          {year}-T1: {{status: pågår, progress: 1}}
          {year}-T2: {{status: pågår, progress: 3}}
    follow_ups:
      {year}-T1:
        status: pågår
        measures: [Vaktbolaget ronderar oftare., Fältgruppen har utökat sitt arbete.]
        effect: Vi bedömer att åtgärderna har haft en förebyggande effekt.
      {year}-T2:
        status: pågår
        measures: [Rondering och fältarbete fortsätter hela sommaren.]
        effect: Skadegörelsen har minskat i centrum.
  - id: centrum
    title: Trygghet i centrum
    problem: Samlingar och ordningsstörningar kvällstid gör centrum otryggt.
    indicators:
      - categories: [samling, ordningsstorning, narkotika]
        areas: [centrum]
        phrase: händelser i centrum
    activities:
      - id: narvaro-helg
        text: Polisen och fältgruppen finns på plats fredag och lördag kväll.
        owner: gemensamt
        follow_ups:
          {year}-T1: {{status: pågår}}
          {year}-T2: {{status: genomförd}}
    follow_ups:
      {year}-T1:
        status: pågår
        measures: [Helgnärvaro på Stortorget och vid Resecentrum.]
        effect: Färre samlingar sent på kvällen.
      {year}-T2:
        status: pågår
        measures: [Helgnärvaro under hela sommarlovet.]
        effect: Lugnare helger än förra sommaren.
  - id: inbrott
    title: Inbrott och stölder
    problem: Inbrott i villor och förråd och stölder från fordon skapar oro.
    indicators:
      - categories: [inbrott, stold]
        phrase: stölder och inbrott eller inbrottsförsök
    activities:
      - id: grannsamverkan
        text: Vi gör det enklare att starta grannsamverkan.
        owner: gemensamt
        target: {{count: 5, unit: nya grannsamverkansområden}}
        follow_ups:
          {year}-T1: {{status: pågår, progress: 1}}
          {year}-T2: {{status: pågår, progress: 3}}
    follow_ups:
      {year}-T1:
        status: pågår
        measures: [Polisen kartlägger inbrotten.]
        effect: För tidigt att bedöma.
      {year}-T2:
        status: pågår
        measures: [En riktad insats mot villainbrott i Bäcka.]
        effect: Inga fler villainbrott i Bäcka efter insatsen.
insatser:
  - title: Riktad insats mot villainbrott i Bäcka
    start: {year}-06-02
    end: {year}-06-06
    area: backa
    categories: [inbrott]
    owner: polisen
  - title: Förstärkt helgnärvaro i centrum
    start: {year}-02-14
    end: {year}-02-16
    area: centrum
    categories: [samling, ordningsstorning]
    owner: gemensamt
"""


def week_yaml(year: int, week: int) -> str:
    monday = date.fromisocalendar(year, week, 1)
    return f"""\
# SYNTHETIC benchmark meeting notes written by benchmarks/generate.py.
week: {year}-W{week:02d}
meeting_date: {monday + timedelta(days=3)}
participants: [Polisen, Kommunen/fältgruppen, Vaktbolaget, Sjöviksbostäder]
assessment: >-
  En vecka med många samlingar i centrum och fortsatt skadegörelse i Norräng.
priorities:
  - area: centrum
    place: Stortorget
    action: Närvaro fredag och lördag kväll
    owner: Polisen
    when: helgen
  - area: norrang
    action: Rondering vid skolan nattetid
    owner: Vaktbolaget
follow_up:
  - priority: Belysning i gångtunneln
    status: pågår
    comment: Felanmält till gatuenheten.
"""


def write_workspace(out: Path, rows: int, files: int = 12, seed: int = 1, year: int = 2025) -> dict:
    """Write the workspace into `out`; returns a summary (also written to bench-meta.json)."""
    if rows < 100:
        raise ValueError("--rows must be at least 100")
    if not 1 <= files <= 365:
        raise ValueError("--files must be between 1 and 365")
    data = out / "data" / "incidents"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.glob("*.csv"):
        old.unlink()
    (out / "pledges").mkdir(exist_ok=True)
    (out / "weeks").mkdir(exist_ok=True)
    (out / "est.yaml").write_text(settings_yaml(year), encoding="utf-8")
    (out / "pledges" / f"{year}.yaml").write_text(pledge_yaml(year), encoding="utf-8")
    (out / "weeks" / f"{year}-W{NOTES_WEEK:02d}.yaml").write_text(
        week_yaml(year, NOTES_WEEK), encoding="utf-8"
    )
    exports = generate_rows(rows, year, seed, files)
    bad: dict[str, int] = dict.fromkeys(BAD_ROWS, 0)
    for f in exports:
        (data / str(f["name"])).write_bytes(str(f["text"]).encode(str(f["encoding"])))
        for k, v in f["bad"].items():  # type: ignore[union-attr]
            bad[k] += v
    summary = {
        "generator": fingerprint(),
        "rows": rows,
        "files": files,
        "seed": seed,
        "year": year,
        "bad_rows": bad,
        "encodings": {str(f["name"]): f["encoding"] for f in exports},
    }
    (out / "bench-meta.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def fingerprint() -> str:
    """Hash of this script: run.py regenerates a cached workspace when the script changed."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def parse_size(text: str) -> int:
    """'1000000', '1_000_000', '100k', '1M' → an integer."""
    t = text.strip().replace("_", "").lower()
    factor = 1
    if t.endswith("k"):
        t, factor = t[:-1], 1000
    elif t.endswith("m"):
        t, factor = t[:-1], 1_000_000
    try:
        return int(float(t) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 10000, 100k or 1M") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic est workspace with N incident rows (see the docstring)."
    )
    parser.add_argument("out", type=Path, help="folder to write the workspace into")
    parser.add_argument("--rows", type=parse_size, default=10_000, help="e.g. 10000, 100k, 1M")
    parser.add_argument("--files", type=int, default=12, help="number of CSV files (12: monthly)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year", type=int, default=2025, help="the calendar year covered")
    args = parser.parse_args(argv)
    try:
        summary = write_workspace(args.out, args.rows, args.files, args.seed, args.year)
    except ValueError as exc:
        parser.error(str(exc))
    bad = sum(summary["bad_rows"].values())
    print(
        f"{args.out}: {summary['rows']:,} rows in {summary['files']} files, "
        f"{bad:,} bad rows ({bad / summary['rows']:.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
