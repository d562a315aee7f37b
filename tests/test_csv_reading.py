"""Reading incident exports: separators, encodings, headers, overrides, line numbers, time
zones, and the accounting of rows that cannot be used."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS

from est_cli.load.incidents import IncidentSet, SourceFile, load_incidents
from est_cli.load.workspace import load_workspace

CSV = "data/incidents/export.csv"


@pytest.fixture
def read(make_workspace):  # type: ignore[no-untyped-def]
    """read({path: text or bytes}, extra_settings) → IncidentSet; text is written as UTF-8."""

    def go(files: dict[str, str | bytes], settings: str = "") -> IncidentSet:
        raw = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}
        root = make_workspace(raw, est_yaml=BASIC_SETTINGS + settings)
        return load_incidents(load_workspace(root))

    return go


def only_file(result: IncidentSet) -> SourceFile:
    assert len(result.files) == 1
    return result.files[0]


def problems(result: IncidentSet) -> list[str]:
    return [str(p) for p in result.problems]


# --- separators and encodings -------------------------------------------------------------

SWEDISH = [
    ["Datum", "Tid", "Område", "Kategori", "Plats", "Beskrivning"],
    ["2021-03-01", "22:15", "Centrum", "Skadegörelse", "Järnvägsgatan", "Krossad ruta, åter"],
    ["2021-03-02", "07:05", "Sunda", "Stöld", "Förskolan Äppelgården", "Cykel stulen"],
]


def as_csv(rows: list[list[str]], sep: str) -> str:
    def cell(v: str) -> str:
        return f'"{v}"' if sep in v else v

    return "".join(sep.join(cell(v) for v in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(("sep", "name"), [(";", ";"), (",", ","), ("\t", "tab")])
def test_delimiter_detected(read, sep: str, name: str) -> None:  # type: ignore[no-untyped-def]
    result = read({CSV: as_csv(SWEDISH, sep)})
    assert only_file(result).delimiter == sep
    assert result.problems == []
    first, second = result.incidents
    assert (first.area, first.category, first.place) == ("centrum", "skadegorelse", "Järnvägsgatan")
    assert first.description == "Krossad ruta, åter"
    assert (second.category, second.place) == ("stold", "Förskolan Äppelgården")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (as_csv(SWEDISH, ";").encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + as_csv(SWEDISH, ";").encode("utf-8"), "utf-8-sig"),
        (as_csv(SWEDISH, ";").encode("cp1252"), "cp1252"),
        # some tools write a UTF-8 byte order mark in front of Windows-1252 text
        (b"\xef\xbb\xbf" + as_csv(SWEDISH, ";").encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "bom-then-cp1252"],
)
def test_encoding_detected_and_swedish_letters_survive(read, data: bytes, encoding: str) -> None:  # type: ignore[no-untyped-def]
    result = read({CSV: data})
    assert result.problems == []
    assert only_file(result).encoding == encoding
    places = [i.place for i in result.incidents]
    assert places == ["Järnvägsgatan", "Förskolan Äppelgården"]
    assert [i.category for i in result.incidents] == ["skadegorelse", "stold"]


OVERRIDE = """\
sources:
  incidents:
    - files: data/incidents/*.csv
{options}
"""


def test_delimiter_and_encoding_overrides(read) -> None:  # type: ignore[no-untyped-def]
    # A header with more commas than semicolons would be detected as ','; the override wins.
    text = (
        "Datum;Område;Kategori;Adress (gata, nummer, port, trappa, lgh)\n"
        "2021-03-01;Ramdal;Klotter;Rådhusgatan, 3\n"
    )
    detected = read({CSV: text.encode("cp1252")})
    assert only_file(detected).delimiter == ","
    assert detected.incidents == []
    forced = read(
        {CSV: text.encode("cp1252")},
        OVERRIDE.format(options='      delimiter: ";"\n      encoding: cp1252'),
    )
    assert forced.problems == []
    assert (only_file(forced).delimiter, only_file(forced).encoding) == (";", "cp1252")
    assert forced.incidents[0].area == "ramdal"


def test_forced_utf8_still_drops_a_byte_order_mark(read) -> None:  # type: ignore[no-untyped-def]
    data = b"\xef\xbb\xbf" + as_csv(SWEDISH, ";").encode("utf-8")
    result = read({CSV: data}, OVERRIDE.format(options="      encoding: utf-8"))
    assert result.problems == []
    assert len(result.incidents) == 2


def test_column_mapping_with_ignore(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Händelsedag;Typ av ärende;Stadsdel;Beskrivning;Anmälare\n"
        "14/3/2021;Klotter;Sunda;Intern text;Kalle\n"
    )
    options = (
        "      columns:\n"
        "        Händelsedag: date\n"
        '        "typ av ÄRENDE": category\n'
        "        Stadsdel: area\n"
        "        Beskrivning: ignore\n"
        "        Anmälare: ignore\n"
    )
    result = read({CSV: text}, OVERRIDE.format(options=options))
    assert result.problems == []
    (incident,) = result.incidents
    assert (incident.occurred_at, incident.category, incident.area) == (
        datetime(2021, 3, 14),
        "klotter",
        "sunda",
    )
    assert incident.description is None
    assert incident.reporter_org is None


def test_unmapped_header_suggests_mapping(read) -> None:  # type: ignore[no-untyped-def]
    result = read({CSV: "Datum;Kategori;Omrdet\n2021-03-01;Klotter;Sunda\n"})
    assert problems(result) == [
        f"{CSV}:1: no column for area (Område); the columns are: Datum, Kategori, Omrdet "
        "(did you mean 'Omrdet'? Rename that column to Område, or map it in est.yaml: "
        'sources.incidents[].columns: {"Omrdet": area})'
    ]


# --- default Swedish headers ----------------------------------------------------------------


def test_datum_and_tid_columns_combine(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Tid;Område;Kategori\n"
        "2021-03-01;18.30;Sunda;Klotter\n"
        "2021-03-02;0715;Sunda;Klotter\n"
        "2021-03-03;kl 22;Sunda;Klotter\n"
        "2021-03-04;;Sunda;Klotter\n"
    )
    result = read({CSV: text})
    assert result.problems == []
    assert [(i.occurred_at, i.has_time) for i in result.incidents] == [
        (datetime(2021, 3, 1, 18, 30), True),
        (datetime(2021, 3, 2, 7, 15), True),
        (datetime(2021, 3, 3, 22, 0), True),
        (datetime(2021, 3, 4, 0, 0), False),
    ]


def test_tidpunkt_handelsetyp_and_organisation(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ärendenummer;Tidpunkt;Bostadsområde;Händelsetyp;Rapportör;Organisation;Adress\n"
        "K-1;2021-03-01 23:10;Ramdalsområdet;Buskörning;Anna Andersson;Vaktbolag;Torget 1\n"
        "K-2;1 mars 2021 kl. 08.05;ramdal;INBROTTSFÖRSÖK;Per Persson;Polisen;Skolgatan\n"
    )
    result = read({CSV: text})
    assert result.problems == []
    first, second = result.incidents
    assert (first.id, first.occurred_at, first.area, first.category) == (
        "K-1",
        datetime(2021, 3, 1, 23, 10),
        "ramdal",
        "trafik",
    )
    # Organisation wins over Rapportör, which may hold a person's name
    assert [first.reporter_org, second.reporter_org] == ["Vaktbolag", "Polisen"]
    assert first.place == "Torget 1"
    assert (second.occurred_at, second.category) == (datetime(2021, 3, 1, 8, 5), "inbrott")


def test_organisation_preferred_whatever_the_column_order(read) -> None:  # type: ignore[no-untyped-def]
    text = "Organisation;Datum;Område;Kategori;Rapportör\nKommunen;2021-03-01;Sunda;Klotter;Eva\n"
    assert read({CSV: text}).incidents[0].reporter_org == "Kommunen"


# --- line numbers, blank lines and row accounting -------------------------------------------


def test_multiline_cells_keep_line_numbers(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Område;Kategori;Beskrivning\n"  # 1
        '2021-03-01;Sunda;Klotter;"Första raden\n'  # 2
        "andra raden\n"  # 3
        'tredje raden"\n'  # 4
        "2021-03-02;Sunda;Klotter;kort\n"  # 5
        "2021-03-03;Sundaa;Klotter;fel område\n"  # 6
    )
    result = read({CSV: text})
    assert [i.line for i in result.incidents] == [2, 5]
    assert result.incidents[0].description == "Första raden\nandra raden\ntredje raden"
    assert [(p.line, p.field) for p in result.problems] == [(6, "Område")]
    assert [(e.file, e.line) for e in result.excluded] == [(CSV, 6)]


def test_blank_lines_are_counted_as_blank_not_as_rows(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "\n"
        "Datum;Område;Kategori\n"  # 2
        "2021-03-01;Sunda;Klotter\n"  # 3
        "\n"
        ";;\n"  # 5: separators only, still blank
        "2021-03-02;Sunda;Klotter\n"  # 6
        "\n"
    )
    result = read({CSV: text})
    stat = only_file(result)
    assert (stat.rows, stat.used, stat.excluded, stat.blank) == (2, 2, 0, 3)
    assert [i.line for i in result.incidents] == [3, 6]
    assert result.rows_read == 2


def test_unusable_rows_are_counted_and_listed(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Tid;Område;Kategori;Allvarlighetsgrad\n"
        "2021-03-01;10:00;Sunda;Klotter;2\n"  # 2 used
        "2021-13-01;10:00;Sunda;Klotter;\n"  # 3 bad date
        "2021-03-02;10:00;Atlantis;Klotter;\n"  # 4 unknown area
        "2021-03-02;10:00;Sunda;Spöken;\n"  # 5 unknown category
        "2021-03-02;10:00;Sunda;Klotter;hög\n"  # 6 bad severity: warning, row kept
        "2021-03-03;10:00;Sunda;Klotter;1;extra\n"  # 7 too many values
    )
    result = read({CSV: text})
    stat = only_file(result)
    assert (stat.rows, stat.used, stat.excluded, stat.blank) == (6, 2, 4, 0)
    assert [(e.line, e.reason.split(":")[0]) for e in result.excluded] == [
        (3, "Datum"),
        (4, "Område"),
        (5, "Kategori"),
        (
            7,
            "the row has 6 values but the header has 5 columns (a value probably contains an "
            "unquoted ';')",
        ),
    ]
    assert result.excluded[0].reason.startswith("Datum: '2021-13-01' is not a real date")
    assert [i.severity for i in result.incidents] == [2, None]
    assert [(p.line, p.severity) for p in result.problems if p.severity == "warning"] == [
        (6, "warning")
    ]
    assert len(result.incidents) + len(result.excluded) == result.rows_read


def test_overlapping_exports_count_a_row_once_and_say_so(read) -> None:  # type: ignore[no-untyped-def]
    header = "Datum;Tid;Område;Kategori;Plats\n"
    row = "2021-03-01;10:00;Sunda;Klotter;Skolan\n"
    result = read(
        {"data/incidents/a.csv": header + row, "data/incidents/b.csv": header + row + row}
    )
    # the twin rows inside b.csv are two incidents; b.csv's first row repeats a.csv's row
    assert len(result.incidents) == 2
    assert [str(p) for p in result.problems] == [
        "data/incidents/b.csv:2: the same incident is already in data/incidents/a.csv:2; it is "
        "counted once (exports overlap; remove the repeated rows or give incidents an id column)"
    ]
    assert [(e.file, e.line) for e in result.excluded] == [("data/incidents/b.csv", 2)]
    assert len(set(i.id for i in result.incidents)) == 2


def test_derived_ids_are_stable(read, make_workspace) -> None:  # type: ignore[no-untyped-def]
    text = "Datum;Tid;Område;Kategori\n2021-03-01;10:00;Sunda;Klotter\n"
    first = read({CSV: text}).incidents[0].id
    again = load_incidents(load_workspace(make_workspace())).incidents[0].id
    assert first == again
    assert first.startswith("h")


def test_personnummer_row_is_counted_but_masked(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Område;Kategori;Plats;Beskrivning\n"
        "2021-03-01;Sunda;Klotter;Port 19850312-1231;Anmälare 850312-1231, tel 0701234567\n"
    )
    result = read({CSV: text})
    (incident,) = result.incidents
    assert only_file(result).used == 1
    assert result.excluded == []
    assert incident.description == "Anmälare XXXXXX-XXXX, tel 0701234567"
    assert incident.place == "Port XXXXXXXX-XXXX"
    assert [(p.field, p.code, p.severity) for p in result.problems] == [
        ("Plats", "personnummer", "error"),
        ("Beskrivning", "personnummer", "error"),
    ]
    assert "1231" not in repr(result)


# --- time zones and weekdays ------------------------------------------------------------------


def test_sunday_2359_stays_sunday(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tidpunkt;Område;Kategori\n"
        "2021-03-14 23:59;Sunda;Klotter\n"
        "2021-03-14T23:59:59;Sunda;Klotter\n"
        "2021-03-14T22:59:00Z;Sunda;Klotter\n"
        "2021-03-14 23:59+01:00;Sunda;Klotter\n"
    )
    result = read({CSV: text})
    assert result.problems == []
    for incident in result.incidents:
        assert incident.occurred_at.date().isoformat() == "2021-03-14"
        assert incident.occurred_at.isoweekday() == 7
        assert (incident.occurred_at.hour, incident.occurred_at.minute) == (23, 59)


def test_offsets_are_converted_to_stockholm_time_across_dst(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tidpunkt;Område;Kategori\n"
        "2021-03-28T00:30:00Z;Sunda;Klotter\n"  # before the spring change: +01:00
        "2021-03-28T01:30:00Z;Sunda;Klotter\n"  # after it: +02:00
        "2021-07-01T12:00:00+00:00;Sunda;Klotter\n"
        "2021-10-31T00:30:00Z;Sunda;Klotter\n"  # 02:30 summer time
        "2021-10-31T01:30:00Z;Sunda;Klotter\n"  # 02:30 winter time (the repeated hour)
        "2021-12-01 09:00 -0500;Sunda;Klotter\n"
    )
    result = read({CSV: text})
    assert result.problems == []
    assert [i.occurred_at for i in result.incidents] == [
        datetime(2021, 3, 28, 1, 30),
        datetime(2021, 3, 28, 3, 30),
        datetime(2021, 7, 1, 14, 0),
        datetime(2021, 10, 31, 2, 30),
        datetime(2021, 10, 31, 2, 30),
        datetime(2021, 12, 1, 15, 0),
    ]
    assert all(i.occurred_at.tzinfo is None and i.occurred_at.fold == 0 for i in result.incidents)
    # both repeated-hour rows are kept: they are different incidents
    assert len({i.id for i in result.incidents}) == 6


def test_workspace_timezone_is_used(make_workspace) -> None:  # type: ignore[no-untyped-def]
    settings = "timezone: Europe/Helsinki\n" + BASIC_SETTINGS
    root = make_workspace(
        {CSV: b"Tidpunkt;Omr\xc3\xa5de;Kategori\n2021-01-10T22:30:00Z;Sunda;Klotter\n"},
        est_yaml=settings,
    )
    (incident,) = load_incidents(load_workspace(root)).incidents
    assert incident.occurred_at == datetime(2021, 1, 11, 0, 30)


def test_excel_serial_and_swedish_month_dates(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Område;Kategori\n"
        "44269;Sunda;Klotter\n"
        "44269,75;Sunda;Klotter\n"
        "sön 14 mars 2021;Sunda;Klotter\n"
        "14.3.2021;Sunda;Klotter\n"
        "20210314;Sunda;Klotter\n"
    )
    result = read({CSV: text})
    assert [(i.occurred_at, i.has_time) for i in result.incidents] == [
        (datetime(2021, 3, 14), False),
        (datetime(2021, 3, 14, 18), True),
        (datetime(2021, 3, 14), False),
        (datetime(2021, 3, 14), False),
        (datetime(2021, 3, 14), False),
    ]


def test_decimal_comma_coordinates(read) -> None:  # type: ignore[no-untyped-def]
    text = 'Datum;Område;Kategori;Lat;Lon\n2021-03-01;Sunda;Klotter;58,6712;"17,1012"\n'
    (incident,) = read({CSV: text}).incidents
    assert (incident.lat, incident.lon) == (58.6712, 17.1012)


def test_source_file_paths_are_workspace_relative(read) -> None:  # type: ignore[no-untyped-def]
    result = read({"data/incidents/2021/jan.csv": "Datum;Område;Kategori\n"}, "")
    assert result.files == []  # the default glob is not recursive
    result = read(
        {"data/incidents/2021/jan.csv": "Datum;Område;Kategori\n2021-01-01;Sunda;Klotter\n"},
        OVERRIDE.format(options="").replace("*.csv", "**/*.csv"),
    )
    assert [f.file for f in result.files] == ["data/incidents/2021/jan.csv"]
    assert result.incidents[0].source == "data/incidents/2021/jan.csv"
    assert Path(result.incidents[0].source).parts[0] == "data"
