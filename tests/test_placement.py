"""Incidents placed by their position (issue 8 §2), on hand-made square polygons: a row
without an area goes to the area whose polygon holds its point; a point in no area, or
outside the area its row names, is a warning at its row; no row is dropped silently."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import BASIC_SETTINGS, WorkspaceFactory
from test_area_geometry import SETTINGS, THREE
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.incidents import IncidentSet, load_incidents
from est_cli.load.workspace import load_workspace

HEADER = "Datum;Tid;Område;Kategori;Lat;Lon\n"
AREAS = json.dumps({"type": "FeatureCollection", "features": list(THREE)})
# Centrum: lon 17.10–17.11, lat 58.67–58.68; Ramdal east of it; Sunda north of Centrum.
ROWS = [
    "2021-03-08;10:00;;Klotter;58,675;17,105",  # line 2: no area, in Centrum
    "2021-03-08;11:00;;Klotter;58.675;17.115",  # 3: no area, in Ramdal (decimal point)
    "2021-03-08;12:00;;Klotter;59,5;18,5",  # 4: no area, in no polygon
    "2021-03-08;13:00;Sunda;Klotter;58,675;17,105",  # 5: Sunda, but the point is in Centrum
    "2021-03-08;14:00;Centrum;Klotter;58,675;17,105",  # 6: Centrum, and in Centrum
    "2021-03-08;15:00;;Klotter;17,105;58,675",  # 7: no area, Lat and Lon swapped
    "2021-03-08;16:00;Ramdal;Klotter;;",  # 8: no position: as always
]


def load(root: Path, use_cache: bool = False) -> IncidentSet:
    return load_incidents(load_workspace(root), use_cache=use_cache)


def workspace(make_workspace: WorkspaceFactory, rows: list[str] = ROWS, **files: str) -> Path:
    return make_workspace(
        {"areas.geojson": AREAS, "data/incidents/a.csv": HEADER + "\n".join(rows) + "\n", **files},
        est_yaml=SETTINGS,
    )


def test_rows_without_an_area_are_placed_by_their_point(make_workspace: WorkspaceFactory) -> None:
    found = load(workspace(make_workspace))
    areas = {i.line: i.area for i in found.incidents}
    assert areas == {2: "centrum", 3: "ramdal", 5: "sunda", 6: "centrum", 8: "ramdal"}
    assert found.rows_placed == 2 and found.rows_unplaced == 2
    assert {e.line for e in found.excluded} == {4, 7}  # counted as not used, with the reason
    assert all("lies in no area's polygon" in e.reason for e in found.excluded)
    assert found.files[0].used == 5 and found.files[0].excluded == 2


def test_a_point_in_no_area_and_a_point_outside_its_area_are_warnings_at_their_row(
    make_workspace: WorkspaceFactory,
) -> None:
    problems = {p.line: p for p in load(workspace(make_workspace)).problems}
    assert set(problems) == {4, 5, 7}
    assert all(p.severity == "warning" for p in problems.values())
    assert problems[4].message == (
        "the row has no area and its position lies in no area's polygon; the row is left out"
    )
    assert problems[4].field == "Område" and "areas.geojson" in (problems[4].hint or "")
    assert problems[5].message == (
        "the position lies in Centrum, outside the polygon of Sunda; the row is counted in Sunda"
    )
    assert problems[5].field == "Lat, Lon"
    assert "Lat and Lon look swapped" in (problems[7].hint or "")
    assert "lies in Centrum" in (problems[7].hint or "")


def test_positions_are_checked_as_wgs84_degrees(make_workspace: WorkspaceFactory) -> None:
    rows = [
        "2021-03-08;10:00;Centrum;Klotter;6512345;17,1",  # SWEREF 99 TM metres
        "2021-03-08;11:00;Centrum;Klotter;58,67;",  # half a position
        "2021-03-08;12:00;Centrum;Klotter;58,67;190",
    ]
    found = load(workspace(make_workspace, rows))
    problems = [(p.line, p.field, p.code, p.severity) for p in found.problems]
    assert problems == [
        (2, "Lat", "bad-position", "warning"),
        (3, "Lat", "bad-position", "warning"),
        (4, "Lon", "bad-position", "warning"),
    ]
    assert "SWEREF 99 TM" in (found.problems[0].hint or "")
    assert found.problems[1].message == "the position has Lat but no Lon; it is left out"
    assert found.problems[2].message.startswith("190 is not a WGS84 longitude (-180 to 180)")
    assert all(i.lat is None and i.lon is None for i in found.incidents)  # rows kept
    assert len(found.incidents) == 3


def test_an_export_without_an_area_column_is_placed_when_polygons_exist(
    make_workspace: WorkspaceFactory,
) -> None:
    text = "Datum;Kategori;Latitud;Longitud\n2021-03-08;Klotter;58,675;17,105\n"
    root = make_workspace({"areas.geojson": AREAS, "data/incidents/a.csv": text}, est_yaml=SETTINGS)
    found = load(root)
    assert [(i.area, i.lat, i.lon) for i in found.incidents] == [("centrum", 58.675, 17.105)]
    without = make_workspace({"data/incidents/a.csv": text}, est_yaml=BASIC_SETTINGS)
    (problem,) = load(without).problems
    assert problem.code == "missing-column"  # no polygons: the area column is required


def test_without_polygons_an_empty_area_is_an_error_as_before(
    make_workspace: WorkspaceFactory,
) -> None:
    text = HEADER + "\n".join(ROWS) + "\n"
    found = load(make_workspace({"data/incidents/a.csv": text}))
    assert {(p.line, p.code) for p in found.problems} == {
        (2, "unknown-area"),
        (3, "unknown-area"),
        (4, "unknown-area"),
        (7, "unknown-area"),
    }
    assert found.rows_placed == 0


def test_a_changed_polygon_file_is_not_answered_from_the_cache(
    make_workspace: WorkspaceFactory,
) -> None:
    root = workspace(make_workspace)
    assert load(root, use_cache=True).rows_placed == 2
    moved = json.loads(AREAS)
    moved["features"] = moved["features"][:1]  # only Centrum has a polygon now
    (root / "areas.geojson").write_text(json.dumps(moved), encoding="utf-8")
    again = load(root, use_cache=True)
    assert again.rows_placed == 1 and again.rows_unplaced == 3


def test_est_check_counts_the_placed_rows(make_workspace: WorkspaceFactory) -> None:
    root = workspace(make_workspace)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "a.csv:4: varning: Område: raden har inget område" in result.output
