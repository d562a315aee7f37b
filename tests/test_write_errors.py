"""When the reports cannot be written (a read-only folder, a full disk, a file where a folder
should be) or another est is building the same document, est says so, naming the path and
what to do, exits 1 and leaves the previous reports as they were (issue 11, part 3)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BASIC_PLEDGE, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.render.fileset import JOURNAL_DIR

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROWS = "2021-03-01;10:00;Centrum;Klotter;;\n2021-03-09;22:15;Sunda;Inbrott;;\n"
MORE = "2021-03-10;12:00;Ramdal;Klotter;;\n"
WEEK = ["week", "build", "--week", "2021-W10", "--format", "md,html,json"]


def build(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, [*WEEK, "--workspace", str(root), *args])


def files(folder: Path) -> dict[str, bytes]:
    """Every file in `folder`, hidden ones included."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


@pytest.fixture
def built(make_workspace: WorkspaceFactory) -> Iterator[Path]:
    """A workspace whose week 10 is built, and whose export has changed since."""
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS, "pledges/2021.yaml": BASIC_PLEDGE}
    )
    assert build(root).exit_code == 0
    (root / "data/incidents/a.csv").write_text(HEADER + ROWS + MORE, encoding="utf-8")
    yield root


def assert_unchanged(root: Path, before: dict[str, bytes]) -> None:
    """The previous reports intact, no temporary file beside them, no unfinished write."""
    assert files(root / "reports/weekly") == before
    assert not list((root / JOURNAL_DIR).iterdir())


def fail_in(folder: Path, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.open fails with `code` for any file in `folder` (root ignores file modes)."""
    real = os.open

    def failing(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path).parent == folder:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)


def test_a_read_only_output_folder(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = files(built / "reports/weekly")
    fail_in(built / "reports/weekly", errno.EROFS, monkeypatch)
    result = build(built)
    assert result.exit_code == 1
    assert (
        "cannot write reports/weekly/2021-W10.html: Read-only file system; make the folder "
        "writable, or choose another folder with --out"
    ) in " ".join(result.output.split())
    assert "the previous reports are as they were" in result.output
    assert "Traceback" not in result.output
    assert_unchanged(built, before)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_folder_without_write_permission(built: Path) -> None:
    folder = built / "reports/weekly"
    before = files(folder)
    folder.chmod(0o555)
    try:
        result = build(built)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert "cannot write reports/weekly" in result.output and "writable" in result.output
    assert_unchanged(built, before)


def test_a_full_disk_midway(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up halfway through the second file: nothing of the new set stays."""
    before = files(built / "reports/weekly")
    real = os.fdopen
    written = [0]

    class Filling(io.BufferedWriter):
        def write(self, data: Any) -> int:
            written[0] += 1
            if written[0] == 2:
                super().write(bytes(data)[: len(data) // 2])
                self.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return super().write(data)

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":
            return Filling(io.FileIO(fd, "wb"))
        return real(fd, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = build(built, "--no-cache")  # the cache's writes do not count
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "cannot write reports/weekly/2021-W10.json: No space left on device" in message
    assert "free some disk space, then run again" in message
    assert_unchanged(built, before)


@pytest.mark.parametrize("where", ["out", "reports"])
def test_an_output_path_that_is_a_file(
    built: Path, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files(built / "reports/weekly")
    if where == "out":
        blocker = tmp_path / "a-file"
        blocker.write_text("mine\n")
        result = build(built, "--out", str(blocker))
    else:
        blocker = built / "reports/tertial"  # a file where est writes the folder
        blocker.write_text("mine\n")
        result = CliRunner().invoke(
            app, ["tertial", "render", "--tertial", "2021-T1", "--draft", "--workspace", str(built)]
        )
    message = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert f"{blocker.name} is a file, not a folder: move it away or choose another" in message
    assert blocker.read_text() == "mine\n"
    assert_unchanged(built, before)


def test_a_folder_where_a_report_goes(built: Path) -> None:
    before = files(built / "reports/weekly")
    (built / "reports/weekly/2021-W10.md").unlink()
    (built / "reports/weekly/2021-W10.md").mkdir()
    result = build(built)
    assert result.exit_code == 1
    assert "cannot write reports/weekly/2021-W10.md: it is a folder" in result.output
    assert sorted(p.name for p in (built / "reports/weekly").iterdir()) == sorted(before)
    for name in ("2021-W10.html", "2021-W10.json", "2021-W10.svg"):
        assert (built / "reports/weekly" / name).read_bytes() == before[name]


HOLDER = """
import sys
from pathlib import Path
from est_cli.render.lock import holding
with holding(Path(sys.argv[1]), "weekly-2021-W10", "est week build of 2021-W10"):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_build_of_the_same_week_stops_naming_the_first(built: Path) -> None:
    before = files(built / "reports/weekly")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(built)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = build(built)
        assert_unchanged(built, before)
        other = CliRunner().invoke(app, [*WEEK[:3], "2021-W09", "--workspace", str(built)])
    finally:
        holder.communicate("")
    assert result.exit_code == 1
    assert (
        f"another est week build of 2021-W10 is running (pid {holder.pid}, started "
    ) in " ".join(result.output.split())
    assert "wait until it has finished, then run again" in " ".join(result.output.split())
    assert other.exit_code == 0, other.output  # another week is not held up
    assert build(built).exit_code == 0  # the lock went with its process
    assert files(built / "reports/weekly")["2021-W10.md"] != before["2021-W10.md"]


def test_an_interrupted_write_is_finished_when_est_opens_the_workspace(built: Path) -> None:
    """A crash after the commit left a new md beside an old html: `est stats` (which writes
    no report) already puts the new html in place, and removes the journal."""
    folder = built / "reports/weekly"
    (folder / ".2021-W10.html.0123456789ab.est-tmp").write_bytes(b"new html")
    (folder / "2021-W10.md").write_bytes(b"new md")
    journal = built / JOURNAL_DIR / "weekly-2021-W10.json"
    journal.write_text(
        '{"state": "committed", "folder": "reports/weekly", "txid": "0123456789ab", '
        '"files": ["2021-W10.html", "2021-W10.md"]}'
    )
    result = CliRunner().invoke(app, ["stats", "--week", "2021-W10", "--workspace", str(built)])
    assert result.exit_code == 0, result.output
    assert (folder / "2021-W10.html").read_bytes() == b"new html"
    assert not journal.exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_planted_journal_moves_nothing_outside_its_rules(built: Path, tmp_path: Path) -> None:
    """A journal est did not write (in a pull request, say) naming a path with folders in
    it is dropped without touching any file."""
    victim = built / "est.yaml"
    before = victim.read_bytes()
    (built / JOURNAL_DIR / "weekly-x.json").write_text(
        '{"state": "prepared", "folder": ".", "txid": "0123456789ab", "files": ["../est.yaml"]}'
    )
    (built / ".est.yaml.0123456789ab.est-tmp").write_text("planted")
    result = CliRunner().invoke(app, ["stats", "--week", "2021-W10", "--workspace", str(built)])
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == before
    assert not (built / JOURNAL_DIR / "weekly-x.json").exists()


def test_an_interrupted_write_that_cannot_be_finished_says_why(built: Path) -> None:
    folder = built / "reports/weekly"
    (folder / ".2021-W10.md.0123456789ab.est-tmp").write_bytes(b"new md")
    (folder / "2021-W10.md").unlink()
    (folder / "2021-W10.md").mkdir()
    (folder / "2021-W10.md" / "something").write_text("x")
    (built / JOURNAL_DIR / "weekly-2021-W10.json").write_text(
        '{"state": "committed", "folder": "reports/weekly", "txid": "0123456789ab", '
        '"files": ["2021-W10.md"]}'
    )
    result = build(built)
    message = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "cannot finish the interrupted write recorded in .est/journal/weekly-2021-W10.json" in (
        message
    )
    assert "Traceback" not in result.output


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
