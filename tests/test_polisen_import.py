"""`est import polisen` (issue 8 §1) on hand-made events in the format of polisen.se's API:
which time, which events, which category, which area, and what re-importing adds."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, CSV_HEADER, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.errors import DataError
from est_cli.load.incidents import load_incidents
from est_cli.load.polisen import municipality_name
from est_cli.load.workspace import load_workspace
from est_cli.models.incident import UNPLACED_AREA
from est_cli.sources.polisen import ImportResult, import_polisen

SETTINGS = BASIC_SETTINGS.replace(
    "municipality: Testkommun", 'municipality: Oxelösunds kommun\nmunicipality_code: "0481"'
)
SETTINGS += "polisen:\n  area: centrum\n"


def event(ident: int, name: str, **fields: object) -> dict[str, object]:
    """An event as the API gives it; `name` is its "26 september 14:21" part."""
    kind = fields.pop("type", "Stöld")
    place = fields.pop("place", "Oxelösund")
    out: dict[str, object] = {
        "id": ident,
        "datetime": fields.pop("datetime", "2026-03-02 15:55:23 +01:00"),
        "name": f"{name}, {kind}, {place}",
        "summary": fields.pop("summary", "En cykel stals vid stationen."),
        "url": f"/aktuellt/handelser/2026/mars/{ident}",
        "type": kind,
        "location": {"name": place, "gps": "58.67,17.10"},
    }
    out.update(fields)
    return out


def run(
    root: Path, *events: dict[str, object], summary: bool = False, name: str = "ev.json"
) -> ImportResult:
    raw = json.dumps(list(events), ensure_ascii=False).encode()
    return import_polisen(load_workspace(root), [(name, raw)], areas_from_summary=summary)


def rows(root: Path, year: int) -> list[list[str]]:
    text = (root / "data" / "polisen" / f"{year}.csv").read_text(encoding="utf-8")
    return [line.split(";") for line in text.splitlines()[1:]]


@pytest.fixture
def ws(make_workspace: WorkspaceFactory) -> Path:
    return make_workspace(est_yaml=SETTINGS)


def test_the_time_is_the_one_in_the_name(ws: Path) -> None:
    result = run(ws, event(1, "2 mars 14:21"), event(2, "2 mars 9.05"))
    assert [r[:4] for r in rows(ws, 2026)] == [
        ["polisen-2", "2026-03-02 09:05", "centrum", "stold"],
        ["polisen-1", "2026-03-02 14:21", "centrum", "stold"],
    ]
    assert (result.new, result.from_name, result.from_datetime) == (2, 2, 0)


def test_new_years_night_lies_in_the_year_before(ws: Path) -> None:
    run(ws, event(1, "31 december 23:40", datetime="2023-01-01 00:10:00 +01:00"))
    assert rows(ws, 2022)[0][1] == "2022-12-31 23:40"
    assert not (ws / "data" / "polisen" / "2023.csv").exists()


def test_without_a_time_in_the_name_the_untidy_datetime_is_used_and_counted(ws: Path) -> None:
    result = run(ws, event(1, "18 januari", datetime="2026-01-18 6:27:31 +01:00"))
    assert rows(ws, 2026)[0][1] == "2026-01-18 06:27"
    assert (result.from_name, result.from_datetime) == (0, 1)


def test_a_datetime_in_another_offset_is_read_as_local_time(ws: Path) -> None:
    run(ws, event(1, "a name without a date", datetime="2026-07-01T10:00:00Z"))
    assert rows(ws, 2026)[0][1] == "2026-07-01 12:00"  # Stockholm summer time


def test_a_type_with_a_trailing_space_is_the_known_type(ws: Path) -> None:
    result = run(ws, event(1, "2 mars 14:21", type="Stöld "))
    assert rows(ws, 2026)[0][3] == "stold"
    assert not result.unknown


def test_an_unknown_type_is_counted_with_the_closest_known_type(ws: Path) -> None:
    result = run(ws, event(1, "2 mars 14:21", type="Stöld grov"), event(2, "2 mars 14:22"))
    assert result.unknown == {"Stöld grov": 1}
    assert result.closest["Stöld grov"] == "Stöld"
    assert [r[0] for r in rows(ws, 2026)] == ["polisen-2"]


def test_skipped_types_are_counted_by_type(ws: Path) -> None:
    result = run(
        ws,
        event(1, "2 mars 06:00", type="Sammanfattning natt"),
        event(2, "2 mars 07:00", type="Trafikkontroll"),
        event(3, "2 mars 08:00", type="Sammanfattning natt"),
    )
    assert result.skipped == {"Trafikkontroll": 1}
    assert result.summaries == {"Sammanfattning natt": 2}  # listed apart: many events in one
    assert result.new == 0 and not result.written


def test_the_polices_brand_is_any_fire_not_an_arson(make_workspace: WorkspaceFactory) -> None:
    """Even in a workspace whose exports call arson 'Brand'."""
    settings = SETTINGS + "categories:\n  - id: anlagd_brand\n    aliases: [Brand]\n"
    root = make_workspace(est_yaml=settings)
    run(root, event(1, "2 mars 14:21", type="Brand"))
    assert rows(root, 2026)[0][3] == "polisen_brand"
    names = load_workspace(root).categories.names
    assert names["polisen_brand"] == "Brand (polisen)"


def test_est_yaml_extends_and_overrides_the_type_table(make_workspace: WorkspaceFactory) -> None:
    settings = SETTINGS + (
        "  types:\n    Sprängning: skadegorelse\n    Stöld: skip\n  skip: [Misshandel]\n"
    )
    root = make_workspace(est_yaml=settings)
    result = run(
        root,
        event(1, "2 mars 14:21", type="Sprängning"),
        event(2, "2 mars 14:22", type="Stöld"),
        event(3, "2 mars 14:23", type="Misshandel"),
    )
    assert [r[3] for r in rows(root, 2026)] == ["skadegorelse"]
    assert result.skipped == {"Stöld": 1, "Misshandel": 1}


def test_a_type_mapped_to_an_unknown_category_is_an_error_in_est_yaml(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace(est_yaml=SETTINGS + "  types:\n    Brand: anlagdbrand\n")
    with pytest.raises(DataError) as caught:
        load_workspace(root)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == ("est.yaml", 18, "polisen.types.Brand")
    assert "'anlagdbrand' is not a category id" in problem.message
    assert "Anlagd brand" in (problem.hint or "")


def test_events_of_another_municipality_are_counted_not_imported(ws: Path) -> None:
    result = run(ws, event(1, "2 mars 14:21", place="Nyköping"), event(2, "2 mars 14:22"))
    assert result.elsewhere == {"Nyköping": 1}
    assert [r[0] for r in rows(ws, 2026)] == ["polisen-2"]


def test_a_list_of_municipalities_may_take_in_the_county(make_workspace: WorkspaceFactory) -> None:
    settings = SETTINGS + "  municipalities: [Oxelösund, Södermanlands län]\n"
    root = make_workspace(est_yaml=settings)
    result = run(root, event(1, "2 mars 14:21", place="Södermanlands län"))
    assert result.new == 1 and not result.elsewhere


@pytest.mark.parametrize(
    ("municipality", "police"),
    [
        ("Trelleborgs kommun", "Trelleborg"),
        ("Solna stad", "Solna"),
        ("Oxelösunds kommun", "Oxelösund"),
        ("Borås stad", "Borås"),
        ("Hofors kommun", "Hofors"),
        ("Bollnäs kommun", "Bollnäs"),
        ("Grums kommun", "Grums"),
        ("Piteå kommun", "Piteå"),
        ("Falu kommun", "Falun"),
        ("Region Gotland", "Gotland"),
        ("Oxelösund", "Oxelösund"),
    ],
)
def test_the_municipality_name_the_police_use(municipality: str, police: str) -> None:
    assert municipality_name(municipality) == police


def test_an_event_missing_its_location_is_a_warning_at_its_line(ws: Path) -> None:
    raw = "[\n" + json.dumps(event(1, "2 mars 14:21")) + ",\n"
    missing = event(2, "2 mars 14:22")
    del missing["location"]
    missing["name"] = "2 mars 14:22, Stöld"  # nor a place at the end of its name
    raw += json.dumps(missing) + "\n]"
    result = import_polisen(load_workspace(ws), [("ev.json", raw.encode())])
    (problem,) = result.problems
    assert (problem.file, problem.line, problem.severity) == ("ev.json", 3, "warning")
    assert "event 2 has no location" in problem.message
    assert result.no_location == 1 and result.new == 1


def test_reimport_adds_nothing_and_a_newer_file_adds_only_new_ids(ws: Path) -> None:
    first = [event(1, "2 mars 14:21"), event(2, "3 mars 10:00")]
    run(ws, *first)
    before = (ws / "data" / "polisen" / "2026.csv").read_bytes()
    again = run(ws, *first)
    assert (again.new, again.already, again.written) == (0, 2, [])
    assert (ws / "data" / "polisen" / "2026.csv").read_bytes() == before
    newer = run(ws, first[1], event(3, "4 mars 08:30"))
    assert (newer.new, newer.already) == (1, 1)
    assert [r[0] for r in rows(ws, 2026)] == ["polisen-1", "polisen-2", "polisen-3"]
    assert not [p for p in (ws / "data" / "polisen").iterdir() if p.name.startswith(".")]


def test_areas_from_the_summary(ws: Path) -> None:
    result = run(
        ws,
        event(1, "2 mars 14:21", summary="En cykel stals vid stationen i Ramdal."),
        event(2, "2 mars 14:22", summary="Inbrott i Ramdalsområdet."),
        event(3, "2 mars 14:23", summary="Stöld i Sundsvall."),  # 'Sunda' only as a word
        summary=True,
    )
    assert [r[2] for r in rows(ws, 2026)] == ["ramdal", "ramdal", "centrum"]
    assert (result.in_area, result.by_summary) == (1, {"Ramdal": 2})


def test_without_an_area_the_events_count_for_the_whole_municipality_in_no_area(
    make_workspace: WorkspaceFactory,
) -> None:
    """A workspace as est init makes it (no polisen: section) imports with no edit: the
    events carry only the municipality's centre, so they are in no area, not in Centrum."""
    root = make_workspace(est_yaml=SETTINGS.replace("polisen:\n  area: centrum\n", ""))
    result = run(root, event(1, "2 mars 14:21"), event(2, "2 mars 15:00", type="Brand"))
    assert (result.new, result.unplaced, result.in_area) == (2, 2, 0)
    assert [r[2] for r in rows(root, 2026)] == ["", ""]  # Område left empty
    loaded = load_incidents(load_workspace(root), use_cache=False)
    assert not [p for p in loaded.problems if p.severity == "error"]
    assert loaded.frame["area"].astype(str).tolist() == [UNPLACED_AREA, UNPLACED_AREA]


def test_an_event_of_the_whole_county_is_never_the_municipalitys(ws: Path) -> None:
    result = run(
        ws,
        event(1, "2 mars 14:21", place="Södermanlands län"),
        event(2, "2 mars 14:22", place="Nyköping"),
        event(3, "2 mars 14:23"),
    )
    assert result.county == {"Södermanlands län": 1}
    assert result.elsewhere == {"Nyköping": 1}
    assert result.new == 1 and not (ws / "data" / "polisen" / "lan").exists()


def test_county_events_can_be_kept_apart_where_no_document_reads_them(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace(est_yaml=SETTINGS + "  county_events: keep\n")
    result = run(root, event(1, "2 mars 14:21", place="Södermanlands län"), event(2, "2 mars"))
    assert (result.county_kept, result.new) == (1, 1)
    kept = (root / "data" / "polisen" / "lan" / "2026.csv").read_text(encoding="utf-8")
    assert "polisen-1;" in kept
    loaded = load_incidents(load_workspace(root), use_cache=False)
    assert loaded.frame["id"].tolist() == ["polisen-2"]
    again = run(root, event(1, "2 mars 14:21", place="Södermanlands län"))
    assert again.county_kept == 0  # already kept: not written twice


def test_imported_events_are_read_like_any_export(ws: Path) -> None:
    (ws / "data" / "incidents").mkdir(parents=True)
    (ws / "data" / "incidents" / "mars.csv").write_text(
        CSV_HEADER + "2026-03-02;10:00;Sunda;Klotter;;Tags\n", encoding="utf-8"
    )
    run(ws, event(1, "2 mars 14:21", type="Brand"), event(2, "2 mars 15:00"))
    loaded = load_incidents(load_workspace(ws), use_cache=False)
    assert not loaded.problems
    frame = loaded.frame.sort_values("occurred_at")
    assert frame["category"].astype(str).tolist() == ["klotter", "polisen_brand", "stold"]
    assert frame["reporter_org"].astype(str).tolist()[1:] == ["Polisen", "Polisen"]
    assert frame["description"].tolist()[1] == "En cykel stals vid stationen."


def test_police_events_after_the_last_export_do_not_make_those_weeks_look_reported(
    ws: Path,
) -> None:
    """The partners' exports end on Sunday 1 March (week 9); police events run into week 11.
    Week 11 holds only the police's events, so it is not covered: building it is refused,
    as it would be without them, rather than publishing a count that looks complete."""
    (ws / "data" / "incidents").mkdir(parents=True)
    (ws / "data" / "incidents" / "feb.csv").write_text(
        CSV_HEADER + "2026-02-23;10:00;Sunda;Klotter;;Tags\n2026-03-01;22:00;Ramdal;Klotter;;\n",
        encoding="utf-8",
    )
    run(ws, event(1, "26 februari 14:21"), event(2, "11 mars 15:00"))
    loaded = load_incidents(load_workspace(ws), use_cache=False)
    assert len(loaded.frame) == 4
    assert (loaded.first_day, loaded.last_day) == (date(2026, 2, 23), date(2026, 3, 1))
    week = CliRunner().invoke(app, ["week", "build", "--workspace", str(ws), "--week", "2026-W11"])
    assert week.exit_code == 1
    assert "2026-03-01" in week.output
    built = CliRunner().invoke(app, ["week", "build", "--workspace", str(ws), "--week", "2026-W09"])
    assert built.exit_code == 0, built.output


def test_police_events_alone_span_from_the_day_their_archive_starts(ws: Path) -> None:
    """The feed's window starts in the middle of a day (published 26 February 14:30): the
    archive is whole from 27 February, and that, not the first event, starts the span."""
    run(
        ws,
        event(1, "26 februari 14:21", datetime="2026-02-26 14:30:00 +01:00"),
        event(2, "11 mars 15:00", datetime="2026-03-11 15:10:00 +01:00"),
    )
    loaded = load_incidents(load_workspace(ws), use_cache=False)
    assert (loaded.first_day, loaded.last_day) == (date(2026, 2, 27), date(2026, 3, 11))
    archive = (ws / "data" / "polisen" / "archive.yaml").read_text(encoding="utf-8")
    assert "since: 2026-02-27" in archive and "latest: 2026-03-11 15:10" in archive


def test_an_input_that_starts_after_the_last_import_leaves_a_gap_written_down(ws: Path) -> None:
    run(ws, event(1, "2 mars 14:21", datetime="2026-03-02 14:30:00 +01:00"))
    later = run(ws, event(2, "20 mars 10:00", datetime="2026-03-20 10:05:00 +01:00"))
    (gap,) = [p for p in later.problems if p.code == "police-archive-gap"]
    assert "2026-03-02 14:30" in gap.message and "2026-03-20 10:05" in gap.message
    assert later.archive is not None and len(later.archive.gaps) == 1
    assert later.archive.since == date(2026, 3, 3)
    overlapping = run(  # a later fetch: the feed's window still holds event 2
        ws,
        event(2, "20 mars 10:00", datetime="2026-03-20 10:05:00 +01:00"),
        event(3, "20 mars 11:00", datetime="2026-03-20 11:00:00 +01:00"),
    )
    assert not [p for p in overlapping.problems if p.code == "police-archive-gap"]


def test_a_summary_that_starts_a_formula_is_neutralised_and_read_back_unchanged(
    ws: Path,
) -> None:
    """OWASP's CSV injection: a cell starting with = + - @ is written behind an apostrophe,
    so a spreadsheet shows it as text; est reads the police's summary as they wrote it."""
    text = '=HYPERLINK("http://example.invalid","klicka")'
    run(ws, event(1, "2 mars 14:21", summary=text), event(2, "2 mars 15:00", summary="-5 grader"))
    text_of = (ws / "data" / "polisen" / "2026.csv").read_text(encoding="utf-8")
    cells = list(csv.reader(io.StringIO(text_of), delimiter=";"))[1:]
    assert cells[0][5].startswith("'=HYPERLINK") and cells[1][5] == "'-5 grader"
    loaded = load_incidents(load_workspace(ws), use_cache=False)
    assert loaded.frame.sort_values("id")["description"].tolist() == [text, "-5 grader"]


def test_a_file_in_data_polisen_that_est_did_not_write_is_not_rewritten(ws: Path) -> None:
    own = ws / "data" / "polisen" / "2026.csv"
    own.parent.mkdir(parents=True)
    own.write_text(CSV_HEADER, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        run(ws, event(1, "2 mars 14:21"))
    assert "not written by est import polisen" in caught.value.problems[0].message
    assert own.read_text(encoding="utf-8") == CSV_HEADER


def test_a_data_polisen_that_links_outside_is_neither_read_nor_written(
    ws: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (ws / "data").mkdir()
    (ws / "data" / "polisen").symlink_to(elsewhere)
    with pytest.raises(DataError) as caught:
        run(ws, event(1, "2 mars 14:21"))
    assert "leads outside the workspace" in caught.value.problems[0].message
    assert list(elsewhere.iterdir()) == []


# --- the command ------------------------------------------------------------------------


def cli(root: Path, *args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        app, ["import", "polisen", "-w", str(root), *args], input=stdin, catch_exceptions=False
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.json", '[\n{"id": 1, "type": "Stöld"}\n{"id": 2}\n]', "bad.json:3:1:"),
        ("bad.jsonl", '{"id": 1}\n{"id": 2, "type": }\n', "bad.jsonl:2:19:"),
        ("cut.json", '[{"id": 1, "name": "2 mars', "cut.json:1:20:"),
    ],
)
def test_malformed_json_is_an_error_at_its_position_and_nothing_is_written(
    ws: Path, tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps([event(1, "2 mars 14:21")]), encoding="utf-8")
    result = cli(ws, str(good), str(path))
    assert result.exit_code == 1
    assert f"{path.parent}/{where} fel: inte giltig JSON" in result.output.replace("\n", " ")
    assert "inget importerades" in result.output
    assert not (ws / "data" / "polisen").exists()
    assert path.read_text(encoding="utf-8") == text  # inputs are only read


def test_the_command_prints_what_it_did_in_swedish(ws: Path, tmp_path: Path) -> None:
    events = [
        event(1, "2 mars 14:21"),
        event(2, "2 mars", datetime="2026-03-02 6:27:31 +01:00"),
        event(3, "2 mars 10:00", type="Sammanfattning natt"),
        event(4, "2 mars 10:00", place="Nyköping"),
        event(5, "2 mars 10:00", type="Stöld grov"),
    ]
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode()
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["import", "polisen", "-w", str(ws), "-"], input=lines
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Läste 5 händelser ur -.",
        "Importerade 2 nya händelser till data/polisen/2026.csv; 0 fanns redan.",
        "Tid ur namnet: 1; ur datetime (namnet saknar klockslag): 1.",
        "Placerade: 2 i Centrum.",
        "andra kommuner (kvar: Oxelösund): 1: Nyköping 1",
        "sammanfattningar av många händelser, överhoppade: 1: Sammanfattning natt 1",
        "okända typer: 1: Stöld grov 1 (närmast känd: Stöld)",
        "Ange typens kategori under polisen.types i est.yaml för att importera den (ett "
        "kategori-id, eller skip).",
        "Arkivet av polisens händelser är komplett från 2026-03-03 (data/polisen/archive.yaml).",
    ]
    again = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["import", "polisen", "-w", str(ws), "-"], input=lines
    )
    assert "Inga nya händelser; 2 fanns redan." in again.output


def test_an_unknown_area_for_the_events_is_an_error_in_est_yaml(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace(est_yaml=SETTINGS.replace("area: centrum", "area: centrm"))
    with pytest.raises(DataError) as caught:
        load_workspace(root)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (16, "polisen.area")
    assert problem.message == "'centrm' is not a known area"
    assert problem.hint == "did you mean 'Centrum'?"


def test_a_workspace_without_police_events_has_no_police_categories(ws: Path) -> None:
    plain = SETTINGS.replace("polisen:\n  area: centrum\n", "")
    (ws / "est.yaml").write_text(plain, encoding="utf-8")
    assert "polisen_brand" not in load_workspace(ws).categories.names
    (ws / "est.yaml").write_text(SETTINGS, encoding="utf-8")
    run(ws, event(1, "2 mars 14:21"))
    (ws / "est.yaml").write_text(plain, encoding="utf-8")
    assert "polisen_brand" in load_workspace(ws).categories.names  # data/polisen/ is read
