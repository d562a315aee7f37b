"""Areas as polygons (issue 8 §2): the GeoJSON file est.yaml names, as `est check` validates
it, and the point-in-polygon lookup that places an incident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.geometry import AreaShapes, load_area_shapes
from est_cli.load.workspace import load_workspace

SETTINGS = BASIC_SETTINGS + "geometry:\n  file: areas.geojson\n  property: namn\n"


def square(x: float, y: float, size: float = 0.01) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(name: object, *rings: list[list[float]], kind: str = "Polygon") -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": {"namn": name},
        "geometry": {"type": kind, "coordinates": list(rings)},
    }


def shapes(make_workspace: WorkspaceFactory, *features: object) -> AreaShapes:
    collection = {"type": "FeatureCollection", "features": list(features)}
    root = make_workspace({"areas.geojson": json.dumps(collection)}, est_yaml=SETTINGS)
    found = load_area_shapes(load_workspace(root))
    assert found is not None
    return found


THREE = (
    feature("Centrum", square(17.10, 58.67)),
    feature("ramdal", square(17.11, 58.67)),  # shares Centrum's eastern border
    feature("Sunda", square(17.10, 58.68)),
)


def test_areas_that_only_share_borders_are_valid(make_workspace: WorkspaceFactory) -> None:
    found = shapes(make_workspace, *THREE)
    assert found.problems == []
    assert list(found.shapes) == ["centrum", "ramdal", "sunda"]


def test_a_point_is_placed_in_the_area_whose_polygon_holds_it(
    make_workspace: WorkspaceFactory,
) -> None:
    hole = [
        [17.103, 58.673],
        [17.107, 58.673],
        [17.107, 58.677],
        [17.103, 58.677],
        [17.103, 58.673],
    ]
    found = shapes(
        make_workspace,
        feature("Centrum", square(17.10, 58.67), hole),
        *THREE[1:],
    )
    assert found.area_at((17.101, 58.671)) == "centrum"
    assert found.area_at((17.115, 58.675)) == "ramdal"
    assert found.area_at((17.105, 58.675)) is None  # in Centrum's hole
    assert found.area_at((18.0, 59.0)) is None


def test_an_area_without_a_polygon_is_a_warning(make_workspace: WorkspaceFactory) -> None:
    found = shapes(make_workspace, *THREE[:2])
    (problem,) = found.problems
    assert (problem.severity, problem.field) == ("warning", "area sunda")
    assert "area 'Sunda' has no polygon" in problem.message


def test_a_feature_naming_no_known_area(make_workspace: WorkspaceFactory) -> None:
    found = shapes(make_workspace, *THREE, feature("Ramdl", square(17.2, 58.7)))
    (problem,) = found.problems
    assert (problem.file, problem.field) == ("areas.geojson", "features[3]")
    assert problem.message == "namn 'Ramdl' is not a known area (did you mean 'Ramdal'?)"


def test_an_area_twice(make_workspace: WorkspaceFactory) -> None:
    found = shapes(make_workspace, *THREE, feature("Ramdalsområdet", square(17.3, 58.7)))
    assert [p.message for p in found.problems] == [
        "area 'ramdal' already has a polygon (features[1])"
    ]


@pytest.mark.parametrize(
    ("ring", "message"),
    [
        (square(17.10, 58.67)[:-1], "the outer ring is not closed"),
        (
            [[17.10, 58.67], [17.11, 58.68], [17.11, 58.67], [17.10, 58.68], [17.10, 58.67]],
            "the outer ring crosses itself",
        ),
        ([[17.1, 58.6], [17.2, 58.6], [17.1, 58.6]], "the outer ring needs at least 4 positions"),
        (
            [[200.0, 58.6], [17.2, 58.6], [17.2, 58.7], [200.0, 58.6]],
            "the outer ring: [200.0, 58.6] is not a WGS84 longitude and latitude",
        ),
        ([["17.1", 58.6], [17.2, 58.6], [17.2, 58.7], [17.1, 58.6]], 'the outer ring: ["17.1"'),
    ],
)
def test_an_invalid_polygon_is_an_error_naming_its_feature(
    make_workspace: WorkspaceFactory, ring: list[list[float]], message: str
) -> None:
    found = shapes(make_workspace, feature("Centrum", ring), *THREE[1:])
    (problem,) = found.problems
    assert (problem.severity, problem.field) == ("error", "features[0]")
    assert problem.message.startswith(f"area 'centrum': {message}")


def test_overlapping_areas_are_a_warning_but_a_sliver_is_not(
    make_workspace: WorkspaceFactory,
) -> None:
    overlapping = feature("ramdal", square(17.105, 58.67))  # half of Centrum
    found = shapes(make_workspace, THREE[0], overlapping, THREE[2])
    (problem,) = found.problems
    assert problem.code == "areas-overlap" and problem.field == "features[0], features[1]"
    assert "'Centrum' and 'Ramdal' overlap (about 50% of the smaller one)" in problem.message
    sliver = feature("ramdal", square(17.10999, 58.67))  # 0.1 % of Centrum
    assert shapes(make_workspace, THREE[0], sliver, THREE[2]).problems == []


def test_a_multipolygon_is_one_area(make_workspace: WorkspaceFactory) -> None:
    islands = feature("Sunda", [square(17.10, 58.68)], [square(17.20, 58.68)], kind="MultiPolygon")
    found = shapes(make_workspace, *THREE[:2], islands)
    assert found.problems == []
    assert found.area_at((17.205, 58.685)) == "sunda"


def test_est_check_names_the_file_and_the_feature(make_workspace: WorkspaceFactory) -> None:
    broken = {"type": "FeatureCollection", "features": [feature("Centrum", square(1, 2)[:-1])]}
    root = make_workspace({"areas.geojson": json.dumps(broken)}, est_yaml=SETTINGS)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "areas.geojson: fel: features[0]: området 'centrum': den yttre ringen är inte sluten: "
        "dess sista position måste upprepa den första"
    ) in lines
    assert lines[-1] == "Kontrollerade 2 filer, 0 rader: 1 fel, 3 varningar."


def test_a_file_that_is_not_json_is_an_error_at_its_position(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace({"areas.geojson": '{"type": "FeatureCollection",\n "features": [}'})
    (root / "est.yaml").write_text(SETTINGS, encoding="utf-8")
    found = load_area_shapes(load_workspace(root))
    assert found is not None
    (problem,) = found.problems
    assert (problem.file, problem.line, problem.col) == ("areas.geojson", 2, 15)
    assert problem.message.startswith("not valid GeoJSON")


def test_a_missing_file_is_an_error(make_workspace: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_workspace(est_yaml=SETTINGS)
    found = load_area_shapes(load_workspace(root))
    assert found is not None
    (problem,) = found.problems
    assert (problem.file, problem.line, problem.field) == ("est.yaml", 15, "geometry.file")
    assert problem.message == "'areas.geojson' is not a file in the workspace"


def test_no_geometry_in_est_yaml_reads_nothing(make_workspace: WorkspaceFactory) -> None:
    assert load_area_shapes(load_workspace(make_workspace())) is None
