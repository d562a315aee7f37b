"""Fuzz campaign, incident exports: whatever the CSV files hold, est answers with its own
messages (exit 0, 1 or 2, never a traceback, every problem naming its file).

The exports are random bytes, or rows that look like a real export with bad fields mixed
in, written in odd ways: cp1252, latin-1, UTF-16 with or without BOM, mixed line endings,
quoted newlines, NUL bytes, very long fields, many or duplicate columns, ';', ',' or tab.
The harness and the budgets are in tests/fuzzing.py; `scripts/fuzz.sh` runs the long
campaign.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date, timedelta

from conftest import BASIC_PLEDGE, BASIC_SETTINGS
from fuzzing import budget, run_est, workspace
from hypothesis import given
from hypothesis import strategies as st

# --- cells -------------------------------------------------------------------------------

FIRST, LAST = date(2020, 11, 1), date(2021, 5, 31)
days = st.integers(0, (LAST - FIRST).days).map(lambda n: FIRST + timedelta(days=n))
hours, minutes = st.integers(0, 23), st.integers(0, 59)
SV_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti"]
SV_MONTHS += ["september", "oktober", "november", "december"]

# Characters that have tripped CSV readers, terminals or YAML somewhere.
NASTY = [";", ",", "\t", '"', "'", "\n", "\r", "\r\n", "\x00", "\ufeff", "\u2028", "\x85"]
NASTY += ["\x1b[31m", "[red]", "[/]", ":x:", "%0A", "é", "ö", "€", "\u202e", "𝔸", "🙂", "\\"]
NASTY += ["19811218-9876", "070-123 45 67", "a@b.se", "{{ 7*7 }}", "\u00a0", " "]

nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=6).map(
    "".join
)


@st.composite
def long_text(draw: st.DrawFn) -> str:
    """A very long field (a pasted document): up to 100,000 characters."""
    unit = draw(st.sampled_from(["x", "å", "ab;", 'q"', "\n", "Centrum "]))
    return unit * draw(st.integers(1_000, 100_000 // len(unit)))


def _date_text(day: date, form: int, h: int, m: int) -> str:
    return [
        day.isoformat(),
        f"{day.isoformat()} {h:02d}:{m:02d}",
        f"{day.isoformat()}T{h:02d}:{m:02d}:00+01:00",
        f"{day.isoformat()}T{h:02d}:{m:02d}:00Z",
        day.strftime("%Y%m%d"),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day} {SV_MONTHS[day.month - 1]} {day.year}",
        f"sön {day.day} {SV_MONTHS[day.month - 1]} {day.year} kl. {h}.{m:02d}",
        str((day - date(1899, 12, 30)).days),  # an Excel date number
        f"{day.isoformat()} kl {h}",
    ][form]


good_dates = st.builds(_date_text, days, st.integers(0, 10), hours, minutes)
bad_dates = st.sampled_from(
    [
        "2021-02-30",
        "2021-13-01",
        "0000-00-00",
        "31/02/2021",
        "2021-01-05T25:00",
        "2021-01-05 18:30+99:00",
        "2021-01-05 18:30+14:00",
        "99999999",
        "-1",
        "1e10",
        "nan",
        "0",
        "2958466",
        "9999-12-31",
        "0001-01-01",
        "1677-09-21",
        "2262-04-12 00:00",
        "2021-1-5",
        "5 mars",
        "32 mars 2021",
        "２０２１-０１-０５",
        "٢٠٢١-٠١-٠٥",
        "2021-03-28 02:30",  # a time the clocks skip (summer time starts)
        "2021-10-31 02:30",  # a time that happens twice
        "2021-01-05 kl. 18.30.61",
        "  ",
    ]
)
times = st.one_of(
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", hours, minutes),
    st.sampled_from(["", "1830", "18.30", "kl 18", "24:00", "23:60", "99", "٢٣:٠٠", "-1:00"]),
    st.sampled_from(["18:30:00", "18:30:60", "18", "kl. 7", "7:5", "１８:３０"]),
)
areas = st.sampled_from(["Centrum", "centrum", " CENTRUM ", "Centrala stan", "Ramdalsområdet"])
areas |= st.sampled_from(["Sunda", "Sundra", "Trafikplats", "", "centrum\u00a0", "Ramdal "])
categories = st.sampled_from(["Klotter", "skadegorelse", "Skadegörelse", "graffiti", "Stöld"])
categories |= st.sampled_from(["Trafikolycka", "Rattfylleri", "", "KLOTTER", "inbrott", "hot"])
ids = st.sampled_from(["A-1", "A-2", "A-3", "OX21-00215", "", "a-1", " A-1 "])
severities = st.sampled_from(["1", "2", "3", "", "-4", "99999999999999999999", "1,5", "x", "٣"])
coordinates = st.sampled_from(["59,12", "59.12", "1e400", "nan", "inf", "-0", "", "abc", "1,2,3"])
coordinates |= st.floats(allow_nan=True, allow_infinity=True).map(str)

# The headers a real export may have, and what each holds.
FIELDS = {
    "id": ["Händelse-ID", "Ärendenummer", "Löpnummer"],
    "when": ["Tidpunkt", "Datum och tid"],
    "date": ["Datum", "Händelsedatum"],
    "time": ["Tid", "Klockslag"],
    "area": ["Område", "Stadsdel", "Kommundel"],
    "category": ["Kategori", "Händelsetyp", "Typ av händelse"],
    "place": ["Plats", "Adress"],
    "org": ["Organisation", "Rapportör"],
    "severity": ["Allvarlighetsgrad"],
    "description": ["Beskrivning", "Kommentar", "Fritext"],
    "lat": ["Lat"],
    "lon": ["Lon"],
}
LAYOUTS = [
    ["date", "time", "area", "category", "place", "description"],
    ["when", "area", "category"],
    ["id", "date", "time", "area", "place", "category", "org", "severity", "description"],
    ["id", "when", "area", "category", "lat", "lon", "severity"],
    ["area", "category", "date"],
]
VALUES = {
    "id": ids,
    "when": good_dates,
    "date": good_dates,
    "time": times,
    "area": areas,
    "category": categories,
    "severity": severities,
    "lat": coordinates,
    "lon": coordinates,
}


def cell(kind: str | None, clean: bool = False) -> st.SearchStrategy[str]:
    """A value for a column holding `kind`: mostly plausible, sometimes broken; `clean`:
    nearly always plausible, now and then a date at an edge (bad_dates)."""
    plausible = VALUES.get(kind or "", nasty_text)
    if clean:
        rare = bad_dates if kind in ("when", "date") else nasty_text
        return st.integers(0, 14).flatmap(lambda n: rare if n == 0 else plausible)
    if kind in ("when", "date"):
        return st.one_of(plausible, plausible, bad_dates, nasty_text)
    if kind is None:
        return st.one_of(nasty_text, st.text(max_size=20))
    return st.one_of(plausible, plausible, plausible, nasty_text)


# --- files -------------------------------------------------------------------------------


@st.composite
def header_row(draw: st.DrawFn, clean: bool = False) -> tuple[list[str], list[str | None]]:
    """Header texts and the field each column holds (None: unknown to est)."""
    kinds: list[str | None] = list(draw(st.sampled_from(LAYOUTS)))
    names = [draw(st.sampled_from(FIELDS[k])) for k in kinds if k is not None]
    if clean:
        return names, kinds
    if draw(st.booleans()):  # an odd spelling: case, spaces, a BOM glued on
        i = draw(st.integers(0, len(names) - 1))
        names[i] = draw(st.sampled_from([names[i].upper(), f" {names[i]} ", "\ufeff" + names[i]]))
    if draw(st.booleans()):  # a duplicate header
        i = draw(st.integers(0, len(names) - 1))
        names.append(names[i])
        kinds.append(kinds[i])
    if draw(st.integers(0, 4)) == 0:  # a required column missing
        i = draw(st.integers(0, len(names) - 1))
        del names[i], kinds[i]
    extra = draw(st.sampled_from([0, 0, 0, 1, 3, 300]))  # columns est does not know; many
    for n in range(extra):
        names.append(draw(st.sampled_from([f"Extra {n}", "", "Intern kommentar", "Datum"])))
        kinds.append(None if names[-1] != "Datum" else "date")
    if not names:
        names, kinds = ["Datum"], ["date"]
    return names, kinds


@st.composite
def export_text(draw: st.DrawFn, delimiter: str, clean: bool = False) -> str:
    """A whole export as text: header, rows, and how they are written out."""
    names, kinds = draw(header_row(clean))
    n_rows = draw(st.integers(0, 12) if not clean else st.integers(5, 40))
    rows = []
    for _ in range(n_rows):
        row = [draw(cell(k, clean)) for k in kinds]
        if not clean and draw(st.integers(0, 5)) == 0:  # a ragged row: too few or too many
            cut = draw(st.integers(0, len(row) + 3))
            row = row[:cut] + [draw(nasty_text) for _ in range(max(0, cut - len(row)))]
        if row and not clean and draw(st.integers(0, 8)) == 0:
            row[draw(st.integers(0, len(row) - 1))] = draw(long_text())
        rows.append(row)
    if rows and draw(st.booleans()):  # the same row twice: an overlap
        rows.append(list(rows[0]))
    endings = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    quoting = draw(st.sampled_from(["csv", "csv-all", "naive"]))
    lines = []
    for row in [names, *rows]:
        if quoting == "naive":
            line = delimiter.join(row)
        else:
            buf = io.StringIO()
            mode = csv.QUOTE_ALL if quoting == "csv-all" else csv.QUOTE_MINIMAL
            csv.writer(buf, delimiter=delimiter, quoting=mode, lineterminator="").writerow(row)
            line = buf.getvalue()
        end = draw(st.sampled_from(["\n", "\r\n", "\r"])) if endings == "mixed" else endings
        lines.append(line + end)
    head = draw(st.sampled_from(["", "", "\n", "\n\n", ";;;\n", "sep=;\n"]))
    tail = draw(st.sampled_from(["", "", "\n", "\n\n", delimiter * 3 + "\n"]))
    text = head + "".join(lines) + tail
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no newline at the end
    return text


ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"]
ENCODINGS += ["utf-16-be", "utf-32"]


@st.composite
def mutated(draw: st.DrawFn, raw: bytes) -> bytes:
    """A few bytes changed, inserted or removed, as a damaged copy or transfer would."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        byte = draw(st.sampled_from([0, 0x0A, 0x0D, 0x22, 0x3B, 0x81, 0xC3, 0xFF, 0xE5]))
        what = draw(st.sampled_from(["insert", "replace", "delete"]))
        if what == "insert" or not data:
            data.insert(at, byte)
        elif what == "replace":
            data[min(at, len(data) - 1)] = byte
        else:
            del data[min(at, len(data) - 1)]
    return bytes(data)


@st.composite
def export_bytes(draw: st.DrawFn, clean: bool = False) -> bytes:
    delimiter = draw(st.sampled_from([";", ";", ",", "\t"]))
    text = draw(export_text(delimiter, clean))
    encoding = draw(st.sampled_from(ENCODINGS if not clean else ["utf-8", "utf-8-sig", "cp1252"]))
    raw = text.encode(encoding, errors="replace")
    if not clean and draw(st.integers(0, 4)) == 0:
        raw = draw(mutated(raw))
    return raw


@st.composite
def settings_yaml(draw: st.DrawFn) -> str:
    """BASIC_SETTINGS, with a source that sometimes fixes delimiter, encoding or columns."""
    options = []
    if draw(st.integers(0, 3)) == 0:
        options.append(f"delimiter: {draw(st.sampled_from(['auto', ';', ',', 'tab']))}")
    if draw(st.integers(0, 3)) == 0:
        enc = draw(st.sampled_from(["auto", "utf-8", "utf-8-sig", "cp1252", "latin-1"]))
        options.append(f"encoding: {enc}")
    if draw(st.integers(0, 4)) == 0:
        options.append(f"decimal: '{draw(st.sampled_from([',', '.']))}'")
    if draw(st.integers(0, 4)) == 0:
        header = draw(st.sampled_from(["Extra 1", "Plats", "Datum", "", "Beskrivning"]))
        target = draw(st.sampled_from(["category", "ignore", "area", "date", "description"]))
        options.append(f'columns: {{"{header}": {target}}}')
    if not options:
        return BASIC_SETTINGS
    tab = [o.replace("delimiter: tab", 'delimiter: "\\t"') for o in options]
    source = "sources:\n  incidents:\n    - files: [data/incidents/*.csv]\n"
    return BASIC_SETTINGS + source + "".join(f"      {o}\n" for o in tab)


@st.composite
def export_workspace(draw: st.DrawFn, clean: bool | None = None) -> dict[str, str | bytes]:
    """A workspace of 1-3 exports; `clean` (drawn when None): exports a reporting tool would
    write, with a few odd values, so that the documents get built and not only refused."""
    clean = draw(st.booleans()) if clean is None else clean
    files: dict[str, str | bytes] = {
        "est.yaml": draw(settings_yaml()) if not clean else BASIC_SETTINGS,
        "pledges/2021.yaml": BASIC_PLEDGE,
    }
    for n in range(draw(st.integers(1, 3))):
        files[f"data/incidents/export-{n}.csv"] = draw(export_bytes(clean))
    return files


# --- the tests ---------------------------------------------------------------------------

periods = st.sampled_from(
    [[], ["--week", "2021-W05"], ["--week", "2021-W01"], ["--week", "53"], ["--week", "2021-W17"]]
)


@budget(10)
@given(export_workspace(), st.sampled_from(["text", "json", "github"]))
def test_est_check_answers_any_export_with_its_own_messages(files, fmt):
    """`est check` on generated exports, read afresh, into the cache and from it: never a
    traceback, every problem at a file; and the same problems with or without the cache."""
    with workspace(files, test="exports: check") as root:
        fresh = run_est(root, "check", "--format", fmt)  # reads every file, fills the cache
        cached = run_est(root, "check", "--format", fmt)
    assert fresh.exit_code in (0, 1)
    assert (cached.stdout, cached.exit_code) == (fresh.stdout, fresh.exit_code)


@budget(4)
@given(
    st.one_of(export_workspace(clean=True), export_workspace(clean=True), export_workspace()),
    periods,
    st.sampled_from(["json", "md", "md,html"]),
    st.sampled_from([["--tertial", "2021-T1"], ["--month", "2021-02"], ["--week", "2021-W05"]]),
)
def test_documents_from_any_export_end_in_est_messages(files, week, fmt, stats_period):
    """`est week build`, `est tertial render` and `est stats` on generated exports."""
    with workspace(files, test="exports: documents") as root:
        run_est(root, "week", "build", *week, "--format", fmt, "--no-cache")
        run_est(root, "tertial", "render", "--tertial", "2021-T1", "--format", fmt.split(",")[0])
        run_est(root, "stats", *stats_period)


@budget(10)
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=500).map(lambda b: "Datum;Område;Kategori\n".encode() + b),
        st.binary(max_size=500).map(lambda b: b"\xff\xfe" + b),
    ),
    st.sampled_from(["check", "stats"]),
)
def test_random_bytes_as_an_export_are_refused_with_a_located_problem(raw, command):
    """Any bytes at all under data/incidents/: `est check` or `est stats` answer in words."""
    files: dict[str, str | bytes] = {"est.yaml": BASIC_SETTINGS, "data/incidents/x.csv": raw}
    with workspace(files, test="exports: random bytes") as root:
        args = ["--format", "json"] if command == "check" else ["--week", "2021-W05"]
        run_est(root, command, *args, "--no-cache")


def test_the_installed_command_answers_a_hostile_workspace_in_words():
    """The same rules for `python -m est_cli` in a process of its own (the real entry point,
    exit code and streams as CI sees them), on a workspace with one of each kind of trouble."""
    files: dict[str, str | bytes] = {
        "est.yaml": BASIC_SETTINGS,
        "pledges/2021.yaml": BASIC_PLEDGE.replace("valid_to: 2021-12-31", "valid_to: 9999-12-31"),
        "weeks/2021-W05.yaml": "week: [2021-W05\n\x00",
        "data/incidents/utf16.csv": "Datum;Område;Kategori\n2021-01-05;Centrum;Klotter\n".encode(
            "utf-16"
        ),
        "data/incidents/broken.csv": b'Datum;Omr\xe5de;Kategori\n"2021-01-05\n;Cen\rtrum;\x81\n',
        "data/incidents/long.csv": (
            "Datum;Område;Kategori;Plats\n2021-01-05;Centrum;Klotter;"
            + "x" * 200_000
            + "\n2021-01-06;Sunda\n"
        ).encode(),
    }
    with workspace(files, test="exports: subprocess") as root:
        for args in (["check"], ["week", "build", "--week", "2021-W05"], ["stats"]):
            done = subprocess.run(
                [sys.executable, "-m", "est_cli", *args, "--workspace", str(root)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode in (0, 1, 2), done.stderr
            assert "Traceback" not in done.stderr + done.stdout
            problems = [ln for ln in done.stdout.splitlines() if ": error: " in ln]
            assert all(
                ln.startswith(("data/", "pledges/", "weeks/", "est.yaml")) for ln in problems
            )
