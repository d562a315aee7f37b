"""`est import polisen` on the real feed (tests/fixtures/polisen/, both shapes: the
municipality in `location.name` until January 2026, only at the end of `name` since) into
workspaces made by `est init` with no edit of est.yaml; and the documents built from events
that are in no area."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, demo_without_overrides
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.aliases import normalize
from est_cli.load.incidents import load_incidents
from est_cli.load.workspace import load_workspace
from est_cli.models.incident import UNPLACED_AREA
from est_cli.models.polisen import builtin_types, is_summary

FEED = REPO / "tests" / "fixtures" / "polisen" / "events-2025-11--2026-04.jsonl"
EVENTS = [json.loads(line) for line in FEED.read_text(encoding="utf-8").splitlines()]


def est(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def expected_ids(municipality: str) -> set[str]:
    """Counted by hand from the raw events: the place after the name's last comma, the
    type neither a summary nor skipped by the built-in table."""
    table = {normalize(t): c for t, c in builtin_types().items()}
    return {
        f"polisen-{e['id']}"
        for e in EVENTS
        if e["name"].rsplit(",", 1)[-1].strip() == municipality
        and not is_summary(e["type"])
        and table.get(normalize(e["type"])) is not None
    }


@pytest.mark.parametrize(
    ("written", "municipality", "code"),
    [
        ("Norrköpings kommun", "Norrköping", "0581"),
        ("Linköpings kommun", "Linköping", "0580"),
        ("Nyköpings kommun", "Nyköping", "0480"),
        ("Örebro kommun", "Örebro", "1880"),
    ],
)
def test_a_fresh_workspace_imports_its_own_events_of_both_shapes(
    tmp_path: Path, written: str, municipality: str, code: str
) -> None:
    root = tmp_path / "ws"
    est("init", str(root), "--municipality", written)
    assert f'municipality_code: "{code}"' in (root / "est.yaml").read_text(encoding="utf-8")
    for example in (root / "data" / "incidents").glob("*.csv"):  # replaced by real exports
        example.unlink()
    out = est("import", "polisen", "--workspace", str(root), str(FEED))
    assert "län, räknas inte som kommunens" in out  # county-wide events listed, not counted
    loaded = load_incidents(load_workspace(root), use_cache=False)
    ids = set(loaded.frame["id"])
    wanted = expected_ids(municipality)
    assert ids == wanted
    assert len(ids) >= 10
    by_id = {f"polisen-{e['id']}": e for e in EVENTS}
    shapes = {by_id[i]["location"]["name"] == municipality for i in ids}
    assert shapes == {True, False}  # old shape (the municipality) and new (the county)
    assert set(loaded.frame["area"].astype(str)) == {UNPLACED_AREA}

    assert "0 fel" in est("check", "--workspace", str(root))
    est("week", "build", "--workspace", str(root), "--week", "2026-W10", "--format", "json")
    week = json.loads((root / "reports" / "weekly" / "2026-W10.json").read_text("utf-8"))
    in_week = loaded.frame[loaded.frame["week"] == "2026-W10"]
    assert week["figures"]["headline"]["this"] == len(in_week)
    assert [r["id"] for r in week["figures"]["areas"]] == ([UNPLACED_AREA] if len(in_week) else [])
    assert not week["figures"]["hotspots"]
    est("month", "build", "--workspace", str(root), "--month", "2026-03", "--format", "json")
    month = json.loads((root / "reports" / "monthly" / "2026-03.json").read_text("utf-8"))
    in_march = loaded.frame[loaded.frame["occurred_at"].dt.strftime("%Y-%m") == "2026-03"]
    assert month["figures"]["total"]["this"] == len(in_march) > 0
    assert all(r["id"] != UNPLACED_AREA for r in month["figures"]["rises"])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with its synthetic police events, most of them in no area."""
    root = demo_without_overrides(tmp_path_factory.mktemp("demo") / "ws")
    events = REPO / "examples" / "polisen" / "events-2021-12.json"
    est("import", "polisen", "--workspace", str(root), str(events))
    return root


def test_the_weekly_report_shows_the_unplaced_apart_and_never_ranks_them(demo: Path) -> None:
    est("week", "build", "--workspace", str(demo), "--week", "2021-W50", "--format", "json,md")
    figures = json.loads((demo / "reports" / "weekly" / "2021-W50.json").read_text("utf-8"))
    figures = figures["figures"]
    ids = [r["id"] for r in figures["areas"]]
    assert ids[-1] == UNPLACED_AREA and ids.count(UNPLACED_AREA) == 1  # last, apart
    assert figures["areas"][-1]["name"] == "Hela kommunen (utan område)"
    assert all(h["area"] != UNPLACED_AREA for h in figures["hotspots"])
    assert sum(r["this"] for r in figures["areas"]) == figures["headline"]["this"]


def test_the_lagesbild_shows_the_unplaced_apart_and_never_ranks_them(demo: Path) -> None:
    est("lagesbild", "build", "--workspace", str(demo), "--year", "2021", "--format", "json,md")
    doc = json.loads((demo / "reports" / "lagesbild" / "2021.json").read_text("utf-8"))
    f = doc["figures"]
    unplaced = f["unplaced"]
    assert unplaced["id"] == UNPLACED_AREA and unplaced["counts"][-1]["value"] > 0
    assert UNPLACED_AREA not in {r["id"] for r in f["areas"]}
    assert UNPLACED_AREA not in {p["id"] for p in f["pareto"]}
    assert UNPLACED_AREA not in {c["id"] for c in f["changes"]}
    in_areas = sum(r["counts"][-1]["value"] for r in f["areas"])
    total = f["total"]["counts"][-1]["value"]
    assert in_areas + unplaced["counts"][-1]["value"] == total
    assert f["pareto"][-1]["cumulative"] == pytest.approx(1.0)  # shares of the placed ones
    text = (demo / "reports" / "lagesbild" / "2021.md").read_text(encoding="utf-8")
    assert "| _Hela kommunen (utan område)_ |" in text


def test_fetch_imports_from_the_api_once_a_run_and_a_second_fetch_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`est import polisen --fetch --url` against a real server on 127.0.0.1: one GET per
    run, with est's User-Agent; the second run finds every event already there."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)  # the request goes to 127.0.0.1 itself
    body = json.dumps(EVENTS[-300:], ensure_ascii=False).encode()
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("User-Agent", ""))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        root = tmp_path / "ws"
        est("init", str(root), "--municipality", "Örebro kommun")
        url = f"http://127.0.0.1:{server.server_address[1]}/api/events"
        first = est("import", "polisen", "--workspace", str(root), "--fetch", "--url", url)
        assert "Importerade" in first and len(seen) == 1 and seen[0].startswith("est/")
        second = est("import", "polisen", "--workspace", str(root), "--fetch", "--url", url)
        assert "Inga nya händelser" in second and len(seen) == 2
    finally:
        server.shutdown()
        server.server_close()
