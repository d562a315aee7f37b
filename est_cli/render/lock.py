"""One est at a time per document: a lock file in `.est/locks/` held with flock.

The operating system releases a flock when its process ends, however it ends (kill -9
included), so a lock is never left stale: a lock file that no process holds is free, and
its content (the last owner's pid) is only used to name the owner in the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from est_cli.cache import confined
from est_cli.errors import N_, EstError
from est_cli.render.files import why

LOCK_DIR = ".est/locks"

# (workspace root, slot) pairs this process holds: holding again is a no-op.
_held: set[tuple[Path, str]] = set()


def shown(root: Path, path: Path) -> str:
    """`path` relative to the workspace when it is inside it, else as it is."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def outside(root: Path, folder: str) -> None:
    """Refuse est's own folder when a link takes it outside the workspace (see cache.confined)."""
    if not confined(root, folder):
        raise EstError(
            N_(
                "%(folder)s leads outside the workspace folder (through a link), so est does not "
                "write there; remove the link (.est/ is est's own folder and is not committed)",
                folder=folder,
            )
        )


def is_held(root: Path, slot: str) -> bool:
    return (root, slot) in _held


def try_lock(root: Path, slot: str) -> int | None:
    """An open file descriptor holding `slot`'s lock, or None when another process has it."""
    path = root / LOCK_DIR / f"{slot}.lock"
    outside(root, LOCK_DIR)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise EstError(
            N_(
                "cannot write %(path)s: %(why)s; est keeps its locks and its record of "
                "unfinished writes in .est/ of the workspace: make that folder writable and run "
                "again",
                path=shown(root, path),
                why=why(exc),
            )
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _owner(root: Path, slot: str, tries: int = 40) -> str:
    """The holder's pid and start time. The holder writes them just after it takes the lock,
    so a second est that arrives in between waits a moment (at most a second) for them."""
    for attempt in range(tries):
        try:
            text = (root / LOCK_DIR / f"{slot}.lock").read_text(encoding="utf-8").split()
        except OSError:
            text = []
        if len(text) >= 2 and text[0].isdigit():
            return N_("pid %(pid)s, started %(time)s", pid=text[0], time=text[1])
        if attempt < tries - 1:
            time.sleep(0.025)
    return N_("pid unknown")


@contextmanager
def holding(root: Path, slot: str, what: str) -> Iterator[None]:
    """Hold `slot`'s lock for the block, or fail at once naming the est that holds it.

    `what` names the work in the message: 'est week build of 2021-W10'.
    """
    if is_held(root, slot):
        yield
        return
    fd = try_lock(root, slot)
    if fd is None:
        raise EstError(
            N_(
                "another %(what)s is running (%(owner)s); wait until it has finished, then run "
                "again",
                what=what,
                owner=_owner(root, slot),
            )
        )
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {time.strftime('%H:%M:%S')}\n".encode())
    except OSError:
        pass  # the pid only makes the message nicer; the flock is the lock
    _held.add((root, slot))
    try:
        yield
    finally:
        _held.discard((root, slot))
        os.close(fd)  # releases the flock
