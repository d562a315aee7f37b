"""Maps in the documents (issue 8 §3): the weekly report's choropleth with the areas that
stand out and the incidents' points, the tertial follow-up's with small-count suppression
(a hatched "färre än 3", never the number), the same bytes every time, and workspaces
without polygons built as before."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import WorkspaceFactory
from test_area_geometry import SETTINGS, THREE
from test_tertial_render import pledge, rows, span
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.workspace import load_workspace
from est_cli.render import drawing, maps
from est_cli.reports.area_map import class_breaks
from est_cli.reports.tertial import render_tertial
from est_cli.reports.weekly import build_weekly

AREAS = json.dumps({"type": "FeatureCollection", "features": list(THREE)})
RUNNER = CliRunner(env={"COLUMNS": "200"})


def tertial_workspace(make_workspace: WorkspaceFactory, est_yaml: str = SETTINGS) -> Path:
    """T1 2021: Ramdal 2 incidents (fewer than 3), Sunda 7, Centrum 5 + the span's robbery."""
    incidents = [
        *[("2021-02-10", "21:00", "Ramdal", "Klotter")] * 2,
        *[("2021-03-03", "20:00", "Sunda", "Klotter")] * 7,
        *[("2021-01-20", "22:00", "Centrum", "Skadegörelse")] * 5,
        *span("2020-01-01", "2021-04-30"),
    ]
    return make_workspace(
        {
            "areas.geojson": AREAS,
            "pledges/2021.yaml": pledge(),
            "data/incidents/a.csv": rows(*incidents),
        },
        est_yaml=est_yaml,
    )


def tertial(root: Path, out: Path | None = None) -> dict[str, bytes]:
    render_tertial(
        load_workspace(root),
        today=date(2021, 6, 1),
        tertial="2021-T1",
        formats=["md", "html", "json"],
        out=out,
        use_cache=False,
    )
    folder = out or root / "reports" / "tertial"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every call of the map drawing, with its arguments (it still draws)."""
    drawn: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    real = maps.area_map

    def drawing_map(*args: Any, **kwargs: Any) -> bytes:
        drawn.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(maps, "area_map", drawing_map)
    return drawn


def svg_texts(svg: bytes) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text\b.*?</text>", svg.decode(), re.S)]


def test_a_suppressed_area_is_hatched_and_never_shows_its_number(
    make_workspace: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(drawing._RC, "svg.fonttype", "none")  # text as text, to read it
    monkeypatch.setattr(maps, "HALO", [])  # (a halo draws its text as a path)
    files = tertial(tertial_workspace(make_workspace))
    svg = files["2021-T1.karta.svg"]
    texts = svg_texts(svg)
    assert "Ramdal" in texts and "färre än 3" in texts  # the label and the legend's class
    assert "2" not in texts  # Ramdal's count, nowhere on the map
    assert "Sunda" in texts and "Centrum" in texts
    assert 'id="h' in svg.decode() or "<pattern" in svg.decode()  # a hatch is drawn
    md = files["2021-T1.md"].decode()
    assert "| Ramdal | färre än 3 |" in md
    # each area's figure on the map is the one its row of the table shows (7 or ×: what
    # else the document publishes decides which other area must be hidden too)
    table = dict(re.findall(r"^\| (Centrum|Sunda) \| ([^|]+) \|$", md, re.M))
    assert set(table) == {"Centrum", "Sunda"} and set(table.values()) <= {"5", "6", "7", "×"}
    assert all(value in texts for value in table.values())
    assert "![Map of" not in md and "Ramdal färre än 3" in md  # the text alternative
    figures = {a["id"]: a["figure"] for a in json.loads(files["2021-T1.json"])["areas"]}
    assert figures["ramdal"] == {"value": None, "state": "suppressed"}
    assert figures["sunda"]["state"] == ("shown" if table["Sunda"] == "7" else "hidden")


def test_the_tertial_map_never_shows_points(
    make_workspace: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = spy(monkeypatch)
    tertial(tertial_workspace(make_workspace))
    ((_args, kwargs),) = drawn
    assert kwargs.get("points") is None


def test_the_same_inputs_draw_the_same_bytes(
    make_workspace: WorkspaceFactory, tmp_path: Path
) -> None:
    root = tertial_workspace(make_workspace)
    first = tertial(root, tmp_path / "one")
    second = tertial(root, tmp_path / "two")
    assert first == second and "2021-T1.karta.svg" in first


WEEK_ROWS = "Datum;Tid;Område;Kategori;Lat;Lon\n" + "".join(
    [
        *[f"2021-01-{d:02d};12:00;Centrum;Klotter;;\n" for d in range(4, 29)],  # a baseline
        *["2021-03-09;21:00;Ramdal;Klotter;58,675;17,115\n"] * 6,  # stands out
        "2021-03-10;10:00;;Klotter;58,675;17,105\n",  # placed in Centrum by its point
    ]
)


def weekly_files(root: Path, out: Path) -> dict[str, bytes]:
    build_weekly(
        load_workspace(root),
        today=date(2021, 3, 20),
        week="2021-W10",
        formats=["md", "html"],
        out=out,
        use_cache=False,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_the_weekly_map_outlines_the_areas_that_stand_out_and_shows_the_points(
    make_workspace: WorkspaceFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = spy(monkeypatch)
    root = make_workspace(
        {"areas.geojson": AREAS, "data/incidents/a.csv": WEEK_ROWS}, est_yaml=SETTINGS
    )
    files = weekly_files(root, tmp_path / "out")
    ((args, kwargs),) = drawn
    names = [name for name, _polygons in args[0]]
    assert names == ["Centrum", "Ramdal", "Sunda"]
    assert args[2] == ["Centrum\n1", "Ramdal\n6", "Sunda\n0"]
    assert kwargs["outlined"] == [False, True, False]
    assert kwargs["points"] == [(17.105, 58.675)] + [(17.115, 58.675)] * 6
    md = files["2021-W10.md"].decode()
    assert "](2021-W10.karta.svg)" in md
    assert "Områdena som sticker ut har tjock kant: Ramdal." in md
    assert weekly_files(root, tmp_path / "again") == files  # the same bytes


def test_a_workspace_without_polygons_builds_as_before(
    make_workspace: WorkspaceFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_map = tertial_workspace(make_workspace)
    settings = (with_map / "est.yaml").read_text(encoding="utf-8")
    plain = settings.split("geometry:")[0]
    (with_map / "est.yaml").write_text(plain, encoding="utf-8")
    monkeypatch.setattr(maps, "area_map", lambda *a, **k: pytest.fail("no map to draw"))
    files = tertial(with_map)
    assert sorted(files) == ["2021-T1.html", "2021-T1.json", "2021-T1.md"]
    assert "areas" not in json.loads(files["2021-T1.json"])
    rows_only = WEEK_ROWS.replace(";;Klotter", ";Centrum;Klotter")
    root = make_workspace({"data/incidents/a.csv": rows_only})
    week = weekly_files(root, tmp_path / "week")
    assert sorted(week) == ["2021-W10.html", "2021-W10.md", "2021-W10.svg"]
    assert b"karta" not in week["2021-W10.md"] and b'<h2 id="h-map"' not in week["2021-W10.html"]


@pytest.mark.parametrize(
    ("values", "start", "breaks"),
    [
        ([6, 1], 1, [(1, 1), (2, 3), (4, 5), (6, 7)]),
        ([128, 30], 3, [(3, 29), (30, 59), (60, 89), (90, 119), (120, 149)]),
        ([2], 3, []),  # only small counts: no class to draw, only hatches
        ([0, 0], 1, []),
    ],
)
def test_classes_are_round_and_at_most_five(
    values: list[int], start: int, breaks: list[tuple[int, int]]
) -> None:
    assert class_breaks(values, start) == breaks


def test_est_check_is_clean_on_the_demo_polygons() -> None:
    root = Path(__file__).resolve().parent.parent
    result = RUNNER.invoke(app, ["check", "-w", str(root), "--strict"])
    assert result.exit_code == 0, result.output


def test_a_polygon_file_that_is_not_there_stops_the_documents_with_its_line(
    make_workspace: WorkspaceFactory,
) -> None:
    root = tertial_workspace(make_workspace, est_yaml=SETTINGS.replace("areas.geojson", "nej.json"))
    for args in (["week", "build", "--week", "2021-W10"], ["tertial", "render", "-t", "2021-T1"]):
        result = RUNNER.invoke(app, [*args, "-w", str(root)])
        assert result.exit_code == 1, result.output
        assert "est.yaml:" in result.output and "'nej.json'" in result.output
    assert not (root / "reports").exists()  # no document without its map, and no word
