"""The parse cache: same results with and without it, fresh parses when anything that
matters changes, and damaged entries never trusted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import BASIC_SETTINGS

from est_cli.cache import CACHE_DIR, clear_cache
from est_cli.check import check_workspace
from est_cli.load.incidents import IncidentSet, load_incidents
from est_cli.load.workspace import load_workspace

A = "data/incidents/a.csv"
B = "data/incidents/b.csv"
ROWS_A = (
    "Datum;Tid;Område;Kategori;Beskrivning\n"
    "2021-03-01;22:15;Centrum;Klotter;Tagg på väggen\n"
    "2021-03-02;;Sundra;Stöld;fel område\n"  # unknown area: an error
    "2021-03-03;25:00;Sunda;Stöld;fel tid\n"  # impossible time: an error
    '2021-03-04;08:00;Ramdal;Skadegörelse;"pnr 19850312-1231"\n'  # personnummer
)
ROWS_B = (  # overlaps a.csv in its first row
    "Datum;Tid;Område;Kategori;Beskrivning\n"
    "2021-03-01;22:15;Centrum;Klotter;Tagg på väggen\n"
    "2021-03-05;;Sunda;Inbrott;\n"
)


def load(root: Path, **kwargs: object) -> IncidentSet:
    return load_incidents(load_workspace(root), **kwargs)  # type: ignore[arg-type]


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR).rglob("*") if p.is_file())


@pytest.fixture
def ws(make_workspace) -> Path:  # type: ignore[no-untyped-def]
    return make_workspace({A: ROWS_A, B: ROWS_B})


def same(a: IncidentSet, b: IncidentSet) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert a.problems == b.problems
    assert a.excluded == b.excluded
    assert a.files == b.files


def test_a_cached_run_gives_what_a_fresh_one_gives(ws: Path) -> None:
    fresh = load(ws, use_cache=False)
    assert entries(ws) == []  # --no-cache writes nothing either
    first = load(ws)
    assert entries(ws)
    again = load(ws)
    same(fresh, first)
    same(fresh, again)
    codes = [p.code for p in again.problems]
    assert codes == ["unknown-area", "bad-time", "personnummer", "duplicate-row"]


def test_check_reports_the_same_problems_with_and_without_the_cache(ws: Path) -> None:
    without = check_workspace(ws, use_cache=False)
    check_workspace(ws)
    cached = check_workspace(ws)
    assert cached.problems == without.problems
    assert (cached.files, cached.rows) == (without.files, without.rows)
    assert len(cached.errors) == 3


def test_a_changed_file_is_read_again(ws: Path) -> None:
    load(ws)
    (ws / B).write_text("Datum;Område;Kategori\n2021-03-06;Ramdal;Rån\n", encoding="utf-8")
    result = load(ws)
    assert sorted(result.frame["category"].astype(str)) == ["klotter", "ran", "skadegorelse"]
    assert "duplicate-row" not in [p.code for p in result.problems]


def test_a_new_alias_in_est_yaml_means_a_fresh_parse(ws: Path) -> None:
    assert "unknown-area" in [p.code for p in load(ws).problems]
    settings = BASIC_SETTINGS.replace(
        "    name: Sunda\n", "    name: Sunda\n    aliases: [Sundra]\n"
    )
    (ws / "est.yaml").write_text(settings, encoding="utf-8")
    result = load(ws)
    assert "unknown-area" not in [p.code for p in result.problems]
    assert (result.frame["area"] == "sunda").sum() == 2


def test_a_new_est_version_means_a_fresh_parse(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import est_cli.cache

    load(ws)
    before = set(entries(ws))
    monkeypatch.setattr(est_cli.cache, "__version__", "999.0.0")
    load(ws)
    assert set(entries(ws)) > before


@pytest.mark.parametrize("damage", [b"", b"not parquet", b'{"key": 1}'])
def test_damaged_entries_are_ignored_and_rebuilt(ws: Path, damage: bytes) -> None:
    fresh = load(ws, use_cache=False)
    load(ws)
    for path in entries(ws):
        path.write_bytes(damage)
    same(fresh, load(ws))
    same(fresh, load(ws))  # and the rebuilt entries are good


def test_an_entry_for_other_rows_is_not_trusted(ws: Path) -> None:
    """An entry whose frame does not hold the rows its record says (e.g. swapped in by
    hand) is read again from the file."""
    fresh = load(ws, use_cache=False)
    load(ws)
    parquets = [p for p in entries(ws) if p.suffix == ".parquet"]
    smallest = min(parquets, key=lambda p: p.stat().st_size)
    for path in parquets:
        path.write_bytes(smallest.read_bytes())
    same(fresh, load(ws))


def test_documents_leave_descriptions_out_unless_asked(ws: Path) -> None:
    assert "description" in load(ws).frame
    for use_cache in (False, True, True):
        assert "description" not in load(ws, use_cache=use_cache, descriptions=False).frame


def test_clear_cache_empties_it(ws: Path) -> None:
    load(ws)
    n = len(entries(ws))
    assert n >= 4
    assert clear_cache(ws) == n
    assert entries(ws) == []
    assert clear_cache(ws) == 0


def test_the_input_files_are_never_touched(ws: Path) -> None:
    before = {p: p.read_bytes() for p in (ws / "data").rglob("*") if p.is_file()}
    load(ws)
    load(ws)
    assert {p: p.read_bytes() for p in (ws / "data").rglob("*") if p.is_file()} == before


# --- the commands -----------------------------------------------------------------------


def test_est_cache_clear(ws: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from est_cli.cli.app import app

    assert runner.invoke(app, ["check", "-w", str(ws)]).exit_code == 1
    n = len(entries(ws))
    assert n
    result = runner.invoke(app, ["cache", "clear", "-w", str(ws)])
    assert result.exit_code == 0
    assert f"Tog bort {n} filer från {ws / CACHE_DIR}." in result.output
    assert entries(ws) == []
    again = runner.invoke(app, ["cache", "clear", "-w", str(ws)])
    assert "Cachen är redan tom" in again.output


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["week", "build", "--week", "2021-W09"],
        ["tertial", "render", "--tertial", "2021-T1", "--draft"],
        ["stats", "--week", "2021-W09"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_no_cache_reads_afresh_and_writes_nothing(ws: Path, runner, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    from conftest import BASIC_PLEDGE

    from est_cli.cli.app import app

    (ws / "pledges").mkdir(exist_ok=True)
    (ws / "pledges/2021.yaml").write_text(BASIC_PLEDGE, encoding="utf-8")
    args = [*command, "-w", str(ws)]
    if command[0] in ("week", "tertial"):
        args += ["--out", str(ws / "out")]
    fresh = runner.invoke(app, [*args, "--no-cache"])
    assert entries(ws) == []
    cached = [runner.invoke(app, args) for _ in range(2)]
    assert entries(ws)
    assert fresh.exit_code == cached[0].exit_code == cached[1].exit_code, fresh.output
    assert fresh.exit_code == (1 if command == ["check"] else 0), fresh.output
    assert fresh.output == cached[0].output == cached[1].output


# --- entries est did not write here are not trusted ------------------------------------


def test_an_edited_entry_is_not_trusted(ws: Path) -> None:
    """A pull request could commit a cache entry that hides a file's problems."""
    fresh = load(ws, use_cache=False)
    load(ws)
    forged = 0
    for path in entries(ws):
        signature, _, body = path.read_bytes().partition(b"\n")
        if path.suffix == ".json" and b'"problems": [{' in body:
            body = body.replace(b'"problems": [{', b'"problems": [], "x": [{')
            path.write_bytes(signature + b"\n" + body)
            forged += 1
    assert forged == 2  # a.csv's entry and the whole set's
    same(fresh, load(ws))


def test_entries_from_another_machine_are_read_afresh(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load(ws, use_cache=False)
    load(ws)
    written = {p: p.read_bytes() for p in entries(ws)}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-machine"))
    same(fresh, load(ws))
    assert all(written[p] != p.read_bytes() for p in written if p.suffix == ".json")


def test_no_usable_key_means_no_cache(ws: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    fresh = load(ws, use_cache=False)
    same(fresh, load(ws))
    assert entries(ws) == []


def test_entries_long_unused_are_pruned_when_new_ones_are_written(ws: Path) -> None:
    import os
    import time

    load(ws)
    old = entries(ws)
    month_ago = time.time() - 31 * 86400
    for path in old:
        os.utime(path, (month_ago, month_ago))
    load(ws)  # read from the cache: its entries count as used again
    assert entries(ws) == old
    for path in old:
        os.utime(path, (month_ago, month_ago))
    (ws / B).write_text("Datum;Område;Kategori\n2021-03-06;Ramdal;Rån\n", encoding="utf-8")
    load(ws)  # a new set: what was not used for a month goes
    kept = entries(ws)
    assert len(set(old) & set(kept)) == 2  # a.csv's entry, just used; b.csv's and the set's went
    assert len(kept) == 6  # and the new entries of b.csv and of the set came
