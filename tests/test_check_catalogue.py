"""A catalogue of bad input: each case breaks one thing in an otherwise clean workspace and
asserts the exact lines `est check` prints for it, and exit code 1.

Each expected line reads `file:line[:col]: error: field: message (hint)`, in English
(`--language en`); comparing the whole list also proves that one mistake produces one
message, not a cascade. The same case in Swedish, the default, prints the same problems at
the same places, each wholly in Swedish (test_problem_language.py holds Swedish sentences).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS
from typer.testing import CliRunner

from est_cli.cli.app import app

# Every test here runs at each terminal width (conftest.WIDTHS).
pytestmark = pytest.mark.usefixtures("width")

PLEDGE = """\
title: Medborgarlöfte 2021
municipality: Testkommun
parties: [Polisen, Testkommun]
valid_from: 2021-01-01
valid_to: 2021-12-31
signed: 2021-02-01
purpose: Öka tryggheten.
method: Vi arbetar enligt EST.
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: Mycket skadegörelse i centrum.
    indicators:
      - categories: [skadegorelse, klotter]
        areas: [centrum, ramdal]
        phrase: fall av skadegörelse
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
        target: {count: 4, unit: trygghetsvandringar}
  - id: trygghet
    title: Otrygghet
    problem: Ungdomar samlas vid torget.
    activities:
      - id: narvaro
        text: Polisen är synlig på kvällar.
        owner: polisen
        follow_ups:
          2021-T1:
            status: pågår
            note: Tolv kvällar.
"""

WEEK = """\
week: 2021-W05
meeting_date: 2021-02-04
participants: [Polisen, Kommunen]
assessment: Lugnt i centrum, oro vid Ramdals centrum.
priorities:
  - action: Närvaro fredag kväll
    area: ramdal
    owner: Polisen
"""

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROW = "2021-01-05;21:40;Centrum;Skadegörelse;Torget;Krossad ruta\n"
CSV = "data/incidents/2021.csv"

BASE: dict[str, str | bytes] = {
    "est.yaml": BASIC_SETTINGS,
    "pledges/2021.yaml": PLEDGE,
    "weeks/2021-W05.yaml": WEEK,
    CSV: HEADER + ROW,
}

PN_HINT = (
    "(remove it from the export and from the reporting tool; est masks it and never "
    "publishes descriptions)"
)
KNOWN_AREAS = "known: Centrum, Ramdal, Sunda; add it (or an alias) in est.yaml"
BAD_DATE = "expected a date like 2026-03-14, 2026-03-14 18:30, 14/3/2026 or 14 mars 2026"


def pledge(*changes: tuple[str, str]) -> dict[str, str | bytes | None]:
    """The pledge with each (old, new) text replaced once."""
    text = PLEDGE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return {"pledges/2021.yaml": text}


def csv_rows(*rows: str, header: str = HEADER) -> dict[str, str | bytes | None]:
    return {CSV: header + ROW + "".join(r + "\n" for r in rows)}


def build(root: Path, files: dict[str, str | bytes | None]) -> Path:
    merged = {**BASE, **files}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_check(root: Path, *args: str, language: str = "en"):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", "-w", str(root), "--language", language, *args])


# (id, files replacing/adding to BASE, exact problem lines)
CASES: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    (
        "yaml-syntax",
        pledge(("purpose: Öka tryggheten.", "purpose: Målet: öka tryggheten.")),
        [
            "pledges/2021.yaml:7:15: error: YAML syntax error: mapping values are not allowed "
            "here (check indentation, and put text containing ': ' or '#' in quotes)"
        ],
    ),
    (
        "yaml-bad-indentation",
        pledge(("    title: Otrygghet\n", "    title: Otrygghet\n     problem: x\n")),
        [
            "pledges/2021.yaml:24:13: error: YAML syntax error: mapping values are not allowed "
            "here (check indentation, and put text containing ': ' or '#' in quotes)"
        ],
    ),
    (
        "duplicate-key",
        pledge(
            ("method: Vi arbetar enligt EST.\n", "method: Vi arbetar enligt EST.\ntitle: Nytt\n")
        ),
        [
            "pledges/2021.yaml:9:1: error: title: duplicate key 'title' (first defined on "
            "line 1) (remove one of them or merge their contents)"
        ],
    ),
    (
        "unknown-key",
        pledge(("signed: 2021-02-01", "singed: 2021-02-01")),
        ["pledges/2021.yaml:6:1: error: singed: unknown key 'singed' (did you mean 'signed'?)"],
    ),
    (
        "unknown-key-nested",
        pledge(("        target: {count", "        targt: {count")),
        [
            "pledges/2021.yaml:21:9: error: focus_areas[0].activities[0].targt: "
            "unknown key 'targt' (did you mean 'target'?)"
        ],
    ),
    (
        "unknown-key-settings",
        {"est.yaml": BASIC_SETTINGS.replace("publication:", "publikation:")},
        [
            "est.yaml:12:1: error: publikation: unknown key 'publikation' "
            "(did you mean 'publication'?)"
        ],
    ),
    (
        "wrong-type-number",
        pledge(("count: 4", "count: fyra")),
        [
            "pledges/2021.yaml:21:25: error: focus_areas[0].activities[0].target.count: "
            "expected a whole number, found 'fyra'"
        ],
    ),
    (
        "wrong-type-list",
        pledge(("parties: [Polisen, Testkommun]", "parties: Polisen")),
        [
            "pledges/2021.yaml:3:10: error: parties: expected a list, found 'Polisen' "
            "(write each item on its own line starting with '- ')"
        ],
    ),
    (
        # the issue's own example
        "bad-enum-owner",
        pledge(("owner: polisen", "owner: polis")),
        [
            "pledges/2021.yaml:28:16: error: focus_areas[1].activities[0].owner: 'polis' "
            "is not one of polisen, kommunen, gemensamt (did you mean 'polisen'?)"
        ],
    ),
    (
        "bad-enum-status",
        pledge(("status: pågår", "status: pagar")),
        [
            "pledges/2021.yaml:31:21: error: focus_areas[1].activities[0].follow_ups.2021-T1."
            "status: 'pagar' is not one of ej påbörjad, pågår, genomförd, inställd "
            "(did you mean 'pågår'?)"
        ],
    ),
    (
        "missing-required-field",
        pledge(("        owner: gemensamt\n", "")),
        [
            "pledges/2021.yaml:18:9: error: focus_areas[0].activities[0].owner: "
            "missing required field 'owner'"
        ],
    ),
    (
        "bad-date-yaml",
        pledge(("valid_to: 2021-12-31", "valid_to: 2021-12-32")),
        [
            "pledges/2021.yaml:5:11: error: valid_to: '2021-12-32' is not a valid date; "
            "expected YYYY-MM-DD, e.g. 2026-03-31"
        ],
    ),
    (
        "bad-date-yaml-week",
        {"weeks/2021-W05.yaml": WEEK.replace("2021-02-04", "4/2 2021")},
        [
            "weeks/2021-W05.yaml:2:15: error: meeting_date: '4/2 2021' is not a valid date; "
            "expected YYYY-MM-DD, e.g. 2026-03-31"
        ],
    ),
    (
        "negative-progress",
        pledge(
            (
                "        owner: polisen\n",
                "        owner: polisen\n        target: {count: 20, unit: kvällar}\n",
            ),
            ("note: Tolv kvällar.", "note: Tolv kvällar.\n            progress: -2"),
        ),
        [
            "pledges/2021.yaml:34:23: error: focus_areas[1].activities[0].follow_ups.2021-T1."
            "progress: expected a number of at least 0, found -2"
        ],
    ),
    (
        "bad-tertial-key",
        pledge(("2021-T1:", "2021-T4:")),
        [
            "pledges/2021.yaml:30:11: error: focus_areas[1].activities[0].follow_ups.2021-T4: "
            "'2021-T4' is not a tertial; expected YYYY-T1, YYYY-T2 or YYYY-T3"
        ],
    ),
    (
        "unknown-category-in-pledge",
        pledge(("categories: [skadegorelse, klotter]", "categories: [skadegorelse, kloter]")),
        [
            "pledges/2021.yaml:14:36: error: focus_areas[0].indicators[0].categories[1]: "
            "'kloter' is not a known category (did you mean 'Klotter'?)"
        ],
    ),
    (
        "unknown-area-in-pledge",
        pledge(("areas: [centrum, ramdal]", "areas: [centrum, ramdl]")),
        [
            "pledges/2021.yaml:15:26: error: focus_areas[0].indicators[0].areas[1]: "
            "'ramdl' is not a known area (did you mean 'Ramdal'?)"
        ],
    ),
    (
        # a model error elsewhere in the file must not hide an unknown id
        "unknown-area-beside-bad-enum",
        pledge(
            ("areas: [centrum, ramdal]", "areas: [centrum, ramdl]"),
            ("owner: polisen", "owner: polis"),
        ),
        [
            "pledges/2021.yaml:15:26: error: focus_areas[0].indicators[0].areas[1]: "
            "'ramdl' is not a known area (did you mean 'Ramdal'?)",
            "pledges/2021.yaml:28:16: error: focus_areas[1].activities[0].owner: 'polis' "
            "is not one of polisen, kommunen, gemensamt (did you mean 'polisen'?)",
        ],
    ),
    (
        "unknown-area-in-week",
        {"weeks/2021-W05.yaml": WEEK.replace("area: ramdal", "area: ramdahl")},
        [
            "weeks/2021-W05.yaml:7:11: error: priorities[0].area: 'ramdahl' is not a known "
            "area (did you mean 'Ramdal'?)"
        ],
    ),
    (
        "week-file-name-mismatch",
        {"weeks/2021-W05.yaml": WEEK.replace("week: 2021-W05", "week: 2021-W06")},
        [
            "weeks/2021-W05.yaml:1:7: error: week: the file is named 2021-W05.yaml but says "
            "week 2021-W06 (rename it to 2021-W06.yaml or correct 'week')"
        ],
    ),
    (
        "week-53-does-not-exist",
        {
            "weeks/2021-W05.yaml": None,
            "weeks/2021-W53.yaml": WEEK.replace("week: 2021-W05", "week: 2021-W53"),
        },
        ["weeks/2021-W53.yaml:1:7: error: week: '2021-W53': 2021 has weeks 01–52"],
    ),
    (
        "csv-missing-column",
        {CSV: "Datum;Tid;Kategori;Plats\n2021-01-05;21:40;Klotter;Torget\n"},
        [
            f"{CSV}:1: error: no column for area (Område); the columns are: Datum, Tid, "
            "Kategori, Plats (add a column Område, or map your column in est.yaml under "
            "sources.incidents[].columns)"
        ],
    ),
    (
        "csv-misspelt-column",
        {CSV: "Datum;Tid;Omrde;Kategori\n2021-01-05;21:40;Centrum;Klotter\n"},
        [
            f"{CSV}:1: error: no column for area (Område); the columns are: Datum, Tid, "
            "Omrde, Kategori (did you mean 'Omrde'? Rename that column to Område, or map it "
            'in est.yaml: sources.incidents[].columns: {"Omrde": area})'
        ],
    ),
    (
        "csv-bad-date",
        csv_rows("2021-02-30;12:00;Ramdal;Klotter;Skolan;Tags"),
        [f"{CSV}:3: error: Datum: '2021-02-30' is not a real date; {BAD_DATE}"],
    ),
    (
        "csv-not-a-date",
        csv_rows("igår;12:00;Ramdal;Klotter;Skolan;Tags"),
        [f"{CSV}:3: error: Datum: 'igår' is not a date; {BAD_DATE}"],
    ),
    (
        "csv-empty-date",
        csv_rows(";12:00;Ramdal;Klotter;Skolan;Tags"),
        [f"{CSV}:3: error: Datum: the date is empty; {BAD_DATE}"],
    ),
    (
        "csv-bad-time",
        csv_rows("2021-01-06;25:10;Ramdal;Klotter;Skolan;Tags"),
        [
            f"{CSV}:3: error: Tid: 25:10 is not a time of day; expected a time like 18:30, "
            "18.30 or 1830, or leave it empty"
        ],
    ),
    (
        "csv-unknown-area",
        csv_rows("2021-01-06;12:00;Ramdl;Klotter;Skolan;Tags"),
        [f"{CSV}:3: error: Område: 'Ramdl' is not a known area (did you mean 'Ramdal'?)"],
    ),
    (
        "csv-unknown-area-far-off",
        csv_rows("2021-01-06;12:00;Frösäng;Klotter;Skolan;Tags"),
        [f"{CSV}:3: error: Område: 'Frösäng' is not a known area ({KNOWN_AREAS})"],
    ),
    (
        "csv-unknown-category",
        csv_rows("2021-01-06;12:00;Ramdal;Klottr;Skolan;Tags"),
        [f"{CSV}:3: error: Kategori: 'Klottr' is not a known category (did you mean 'Klotter'?)"],
    ),
    (
        "csv-duplicate-id-across-files",
        {
            CSV: "Händelse-ID;Datum;Område;Kategori\nA-17;2021-01-05;Centrum;Klotter\n",
            "data/incidents/2022.csv": (
                "Händelse-ID;Datum;Område;Kategori\n"
                "A-18;2022-02-01;Sunda;Klotter\n"
                "A-17;2022-02-02;Ramdal;Klotter\n"
            ),
        },
        [
            f"data/incidents/2022.csv:3: error: Händelse-ID: id 'A-17' is already used at "
            f"{CSV}:2 (each incident must have its own id; remove the repeated row or "
            "correct its id)"
        ],
    ),
    (
        "csv-too-many-fields",
        csv_rows("2021-01-06;12:00;Ramdal;Klotter;Skolan;Tags; på väggen"),
        [
            f"{CSV}:3: error: the row has 7 values but the header has 6 columns "
            "(a value probably contains an unquoted ';')"
        ],
    ),
    (
        "csv-too-many-fields-comma",
        {
            CSV: HEADER.replace(";", ",")
            + ROW.replace(";", ",")
            + "2021-01-06,12:00,Ramdal,Klotter,Skolan,Tags, på väggen\n"
        },
        [
            f"{CSV}:3: error: the row has 7 values but the header has 6 columns "
            "(a value probably contains an unquoted ',')"
        ],
    ),
    (
        "csv-undecodable-bytes",
        # 0x81 is neither UTF-8 nor Windows-1252; å (0xe5) before it is fine cp1252
        {CSV: (HEADER + ROW).encode("cp1252") + b"2021-01-06;12:00;Ramdal;Klotter;\x81;x\n"},
        [
            f"{CSV}:3: error: byte 0x81 is neither UTF-8 nor Windows-1252 text (export the "
            "file again as 'CSV UTF-8' from Excel)"
        ],
    ),
    (
        "csv-wrong-forced-encoding",
        {
            "est.yaml": BASIC_SETTINGS
            + "sources:\n  incidents:\n    - files: data/incidents/*.csv\n      encoding: utf-8\n",
            CSV: (HEADER + ROW).encode("cp1252"),
        },
        [
            f"{CSV}:1: error: byte 0xe5 cannot be read as utf-8 (set sources.incidents.encoding "
            "to auto, or re-export the file)"
        ],
    ),
    (
        "yaml-undecodable-bytes",
        {"pledges/2021.yaml": PLEDGE.encode("cp1252")},
        [
            "pledges/2021.yaml:1: error: byte 0xf6 is not valid UTF-8 "
            "(save the file as UTF-8 in your editor)"
        ],
    ),
    (
        "csv-empty-file",
        {CSV: ""},
        [f"{CSV}: error: the file is empty (export it again, or delete it)"],
    ),
    (
        "csv-only-whitespace",
        {CSV: "\n\n  \n"},
        [f"{CSV}: error: the file is empty (export it again, or delete it)"],
    ),
    (
        "yaml-empty-file",
        {"pledges/2021.yaml": ""},
        [
            "pledges/2021.yaml:1:1: error: the file is empty (it should hold a Pledge "
            "mapping; see `est schema`)"
        ],
    ),
    (
        "yaml-not-a-mapping",
        {"pledges/2021.yaml": "- title: x\n"},
        [
            "pledges/2021.yaml:1:1: error: expected a mapping of 'key: value' lines at the "
            "top, found a list"
        ],
    ),
    (
        "csv-is-xlsx",
        {CSV: b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"},
        [
            f"{CSV}: error: this is an Excel workbook (.xlsx) or another zip file, not a CSV "
            "file (in Excel use Save as → 'CSV UTF-8 (kommaavgränsad)')"
        ],
    ),
    (
        "csv-is-plain-text",
        {CSV: "Händelser januari\nInga händelser att rapportera.\n"},
        [
            f"{CSV}:1: error: the first line 'Händelser januari' has no ';' or ',' between "
            "column names: this is not a CSV export (the first line must name the columns, "
            "e.g. Datum;Tid;Område;Kategori)"
        ],
    ),
    (
        "csv-is-html",
        {CSV: "<!DOCTYPE html>\n<html><body>Logga in</body></html>\n"},
        [
            f"{CSV}:1: error: this looks like HTML, XML or JSON, not a CSV file "
            "(export the incidents as CSV)"
        ],
    ),
    (
        "settings-bad-timezone",
        {"est.yaml": "timezone: Europe/Stokholm\n" + BASIC_SETTINGS},
        [
            "est.yaml:1:11: error: timezone: 'Europe/Stokholm' is not a known time zone; "
            "expected e.g. Europe/Stockholm"
        ],
    ),
    (
        "settings-duplicate-area-id",
        {"est.yaml": BASIC_SETTINGS.replace("  - id: sunda", "  - id: ramdal")},
        ["est.yaml:10:9: error: areas[2].id: area id 'ramdal' is already used by areas[1]"],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_catalogue(tmp_path: Path, files: dict, expected: list[str]) -> None:
    root = build(tmp_path / "ws", files)
    result = run_check(root)
    # the est.yaml snippets under a message (indented) are tested in test_values.py
    lines = [line for line in result.output.splitlines() if not line.startswith("    ")]
    assert lines[:-1] == expected
    n = len(expected)
    summary = rf"Checked \d+ files?, \d+ rows?: {n} errors?, 0 warnings\."
    assert re.fullmatch(summary, lines[-1])
    assert result.exit_code == 1
    swedish = run_check(root, language="sv")
    lines = [line for line in swedish.output.splitlines() if not line.startswith("    ")]
    assert [line.split(": fel: ")[0] for line in lines[:-1]] == [
        line.split(": error: ")[0] for line in expected
    ]
    english = [line for line in lines if ENGLISH.search(re.sub(r"'[^']*'", "", line))]
    assert not english, english
    assert re.fullmatch(
        rf"Kontrollerade \d+ filer?, \d+ rad(er)?: {n} fel, 0 varningar\.", lines[-1]
    )


# Words of est's English sentences; a value quoted from a file ('…') may hold any word.
ENGLISH = re.compile(
    r"\b(is|are|not|the|expected|found|did you mean|known|unknown|must|file|column|"
    r"remove|add|write|duplicate|missing|already|empty)\b"
)


def test_catalogue_has_enough_kinds() -> None:
    assert len(CASES) >= 16


def test_base_workspace_is_clean(tmp_path: Path) -> None:
    result = run_check(build(tmp_path / "ws", {}))
    assert result.output == "Checked 4 files, 1 row: 0 errors, 0 warnings.\n"
    assert result.exit_code == 0


# Personnummer: 850312-1231 is Luhn-valid; the message shows it masked, never its digits.
PERSONNUMMER = [
    ("10-digits-with-dash", "850312-1231", "XXXXXX-XXXX"),
    ("10-digits-bare", "8503121231", "XXXXXXXXXX"),
    ("12-digits-with-dash", "19850312-1231", "XXXXXXXX-XXXX"),
    ("12-digits-bare", "198503121231", "XXXXXXXXXXXX"),
    ("100-plus", "850312+1231", "XXXXXX+XXXX"),
]


@pytest.mark.parametrize(
    ("number", "masked"), [p[1:] for p in PERSONNUMMER], ids=[p[0] for p in PERSONNUMMER]
)
def test_personnummer_in_free_text(tmp_path: Path, number: str, masked: str) -> None:
    files = csv_rows(f"2021-01-06;12:00;Ramdal;Klotter;Skolan;Anmälare {number} ringde")
    result = run_check(build(tmp_path / "ws", files))
    assert result.output.splitlines()[:-1] == [
        f"{CSV}:3: error: Beskrivning: contains a personal identity number ({masked}) {PN_HINT}"
    ]
    digits = number.replace("-", "").replace("+", "")
    assert digits not in result.output
    assert digits[-4:] + " " not in result.output and "1231" not in result.output
    assert result.exit_code == 1


def test_personnummer_in_unmapped_column_and_json(tmp_path: Path) -> None:
    """Columns est does not use are scanned too, and no output format leaks the number."""
    files = {CSV: "Datum;Område;Kategori;Kontakt\n2021-01-05;Centrum;Klotter;tel 19850312-1231\n"}
    root = build(tmp_path / "ws", files)
    for fmt in ("text", "github", "json"):
        result = run_check(root, "--format", fmt)
        assert "Kontakt" in result.output
        assert "XXXXXXXX-XXXX" in result.output
        assert "1231" not in result.output
        assert result.exit_code == 1
