"""A kill -9 at any moment of a build leaves, once recovered, the complete previous set of a
document's files or the complete new one: never a truncated file, never a new md beside an
old html, never a temporary file (issue 11, part 3).

Real `est week build` and `est tertial render` processes (forked from tests/zygote.py, which
has imported est once) are killed at random moments, and every file set is compared byte
for byte with the old and the new one after recovery.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from est_cli.render.fileset import JOURNAL_DIR, recover, write_set

KILL_BUDGET_S = 12.0  # the random kills stop after this long (or after MAX_KILLS), once
MIN_KILLS = 4  # at least MIN_KILLS are done and one cut a write: a busy machine (a parallel
KILL_LIMIT_S = 180.0  # test run) takes longer for those, but never longer than this
MAX_KILLS = 36
MONTHS = ("2021-01", "2021-02", "2021-03", "2021-04", "2021-05")
WEEK = ["week", "build", "--week", "2021-W10", "--format", "md,html,json"]
TERTIAL = ["tertial", "render", "--tertial", "2021-T1", "--format", "md,html,json"]

Snapshot = dict[str, bytes]


def snapshot(folder: Path) -> Snapshot:
    """Every file under `folder`, hidden ones included, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def snapshot_of(files: Snapshot, folder: str) -> Snapshot:
    return {k.removeprefix(f"{folder}/"): v for k, v in files.items() if k.startswith(folder)}


def restore(folder: Path, files: Snapshot) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)


class Zygote:
    """The test's end of tests/zygote.py."""

    def __init__(self, workspace: Path, logs: Path):
        self.logs = logs
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("zygote.py"))],
            cwd=workspace,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert self.ask("") == "ready"

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if line:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def start(self, args: list[str], name: str = "out") -> int:
        return int(self.ask(f"run {self.logs / name} {' '.join(args)}"))

    def reap(self, pid: int) -> int:
        return int(self.ask(f"reap {pid}"))

    def output(self, name: str = "out") -> str:
        return (self.logs / name).read_text(encoding="utf-8", errors="replace")

    def run(self, args: list[str]) -> float:
        """Run to the end; how long it took."""
        began = time.monotonic()
        pid = self.start(args)
        code = self.reap(pid)
        assert code == 0, self.output()
        return time.monotonic() - began

    def close(self) -> None:
        self.ask("quit")
        self.proc.wait(timeout=10)


@pytest.fixture
def small_demo(tmp_path: Path) -> Path:
    """The demo workspace with five months of exports."""
    root = tmp_path / "ws"
    root.mkdir()
    for name in ("est.yaml", "pledges", "weeks", "templates", "logos", "geo"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, root / name)
    (root / "data" / "incidents").mkdir(parents=True)
    for month in MONTHS:
        shutil.copyfile(REPO / f"data/incidents/{month}.csv", root / f"data/incidents/{month}.csv")
    return root


@pytest.fixture
def zygote(small_demo: Path, tmp_path: Path) -> Iterator[Zygote]:
    logs = tmp_path / "logs"
    logs.mkdir()
    z = Zygote(small_demo, logs)
    yield z
    z.close()


def _drop_rows_of_week_10(root: Path) -> None:
    """A change that alters every file of both documents: fewer incidents in 2021-W10."""
    path = root / "data/incidents/2021-03.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [line for line in lines if ";2021-03-1" not in line or ";2021-03-14" in line]
    assert len(kept) < len(lines)
    path.write_text("".join(kept), encoding="utf-8")


def _when_writing(root: Path, folder: str, timeout: float) -> None:
    """Wait until the files of `folder` are being written: a hidden (temporary) file in it,
    or the journal of the write."""
    began = time.monotonic()
    places = [(root / "reports" / folder, "."), (root / JOURNAL_DIR, f"{folder}-")]
    while time.monotonic() - began < timeout:
        for place, prefix in places:
            if place.is_dir() and any(p.name.startswith(prefix) for p in place.iterdir()):
                return
        time.sleep(0.0005)


def test_kill_9_at_random_moments_leaves_the_old_set_or_the_new_one(
    small_demo: Path, zygote: Zygote
) -> None:
    reports = small_demo / "reports"
    zygote.run(WEEK)
    zygote.run(TERTIAL)
    old = snapshot(reports)
    _drop_rows_of_week_10(small_demo)
    durations = {"weekly": zygote.run(WEEK), "tertial": zygote.run(TERTIAL)}
    new = snapshot(reports)
    folders = ("weekly", "tertial")
    for folder in folders:
        part_old = {k: v for k, v in old.items() if k.startswith(folder)}
        part_new = {k: v for k, v in new.items() if k.startswith(folder)}
        assert part_old.keys() == part_new.keys() and len(part_old) >= 3
        assert all(part_old[k] != part_new[k] for k in part_old), f"{folder}: a file is unchanged"
    restore(reports, old)

    rng = random.Random(11)
    outcomes: dict[str, int] = {"old": 0, "new": 0}
    cut = {"prepared": 0, "committed": 0}  # kills that cut the write of the files itself
    kills = 0
    window = 0.02
    began = time.monotonic()

    def more() -> bool:
        spent = time.monotonic() - began
        enough = kills >= MIN_KILLS and sum(cut.values()) >= 1
        return kills < MAX_KILLS and (
            spent < KILL_BUDGET_S or (not enough and spent < KILL_LIMIT_S)
        )

    while more():
        folder = folders[kills % 2]
        args = WEEK if folder == "weekly" else TERTIAL
        if kills % 5 == 4:  # also kill while the cache in .est/cache/ is written
            shutil.rmtree(small_demo / ".est" / "cache", ignore_errors=True)
        anywhere = kills % 3 == 0
        pid = zygote.start(args)
        if anywhere:  # anywhere in the build
            delay = rng.uniform(0, durations[folder] * 1.1)
            time.sleep(delay)
        else:  # while the files are written: within `window` seconds of its start
            _when_writing(small_demo, folder, durations[folder] * 3)
            delay = rng.uniform(0, window)
            time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # our own child, not yet reaped: its pid is still ours
        zygote.reap(pid)
        kills += 1
        journals = list((small_demo / JOURNAL_DIR).glob("*.json"))
        for journal in journals:
            cut[json.loads(journal.read_bytes())["state"]] += 1
        if not anywhere:  # the window follows how long writing takes on this machine now
            window = window * 1.3 if journals else window / 1.3
        recover(small_demo)
        assert not any((small_demo / JOURNAL_DIR).iterdir())
        now = snapshot(reports)
        for f in folders:
            part = {k: v for k, v in now.items() if k.startswith(f)}
            if part == {k: v for k, v in old.items() if k.startswith(f)}:
                state = "old"
            else:
                expected = {k: v for k, v in new.items() if k.startswith(f)}
                assert part == expected, f"kill {kills} after {delay:.3f}s: {f} is a mix"
                state = "new"
            if f == folder:
                outcomes[state] += 1
        if now != old:
            restore(reports, old)

    zygote.run(WEEK)  # what the killed builds left in the cache gives the same report
    assert snapshot(reports / "weekly") == snapshot_of(new, "weekly")
    print(f"{kills} kills: {outcomes}, cut while writing: {cut}, durations {durations}")
    # A few dozen kills on a quiet machine, far fewer when it is busy (each kill costs a
    # build); some of them always cut the write of the files itself.
    assert kills >= MIN_KILLS and sum(cut.values()) >= 1


def _die_after(steps: int) -> None:
    """Make this process end at once, with no clean-up, at its next write, fsync, rename or
    removal after `steps` of them."""
    count = [0]

    def dying(real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            if count[0] > steps:
                os._exit(9)
            return real(*args, **kwargs)

        return step

    for name in ("write", "fsync", "replace", "unlink"):
        setattr(os, name, dying(getattr(os, name)))


def test_a_crash_at_every_step_of_a_write_recovers_to_one_set(tmp_path: Path) -> None:
    """Deterministic companion of the random kills: a child process dies (os._exit, so no
    clean-up runs) at the k-th write, fsync, rename or removal of `write_set`, for every k."""
    root, folder = tmp_path, tmp_path / "reports" / "weekly"
    old = {f"2021-W10.{ext}": f"old {ext}\n".encode() * 100 for ext in ("html", "md", "svg")}
    new = {name: data.replace(b"old", b"new") for name, data in old.items()}
    write_set(root, "weekly-2021-W10", folder, old, "test")
    seen = set()
    for k in range(200):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _die_after(k)
            write_set(root, "weekly-2021-W10", folder, new, "test")
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        recover(root)
        now = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert now in (old, new), f"a crash after {k} steps left {sorted(now)}"
        left = sorted(p.name for p in (root / JOURNAL_DIR).iterdir())
        assert not left, f"a crash after {k} steps left {left} in the journal"
        seen.add("old" if now == old else "new")
        write_set(root, "weekly-2021-W10", folder, old, "test")
        if os.waitstatus_to_exitcode(status) == 0:
            break
    assert seen == {"old", "new"} and k > 5


def test_two_builds_of_the_same_week_at_once(small_demo: Path, zygote: Zygote) -> None:
    """Two real `est week build` processes started together: one builds, the other stops at
    once with a message naming the first, and the files are those of a single build."""
    zygote.run(WEEK)
    alone = snapshot(small_demo / "reports")
    shutil.rmtree(small_demo / "reports")
    first, second = zygote.start(WEEK, "first"), zygote.start(WEEK, "second")
    codes = {"first": zygote.reap(first), "second": zygote.reap(second)}
    assert sorted(codes.values()) == [0, 1], codes
    loser = "first" if codes["first"] else "second"
    winner_pid = second if loser == "first" else first
    message = " ".join(zygote.output(loser).split())
    assert (
        f"en annan körning av est week build av 2021-W10 pågår (pid {winner_pid}, startad "
        in message
    )
    assert snapshot(small_demo / "reports") == alone
