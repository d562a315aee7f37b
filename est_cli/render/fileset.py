"""Writing a document's files as one set: whatever moment est is killed at, once recovered
every file of the set is the previous version or every file is the new one.

Renaming one file into place is atomic; renaming several is not. So a set is written in
steps recorded in a journal, `.est/journal/<slot>.json`, under the slot's lock:

1. the journal is written, *prepared*, naming the files and a random transaction id;
2. each file is written beside its final name as `.<name>.<txid>.est-tmp` and synced;
3. the journal is replaced by a *committed* one: from this moment the new set wins;
4. each temporary file is renamed onto its final name;
5. the journal is removed.

`recover` finishes what a journal left behind by a crash describes: a prepared write is
undone (its temporary files removed), a committed one is completed (the remaining renames
done). It runs before any document's set is written, for every slot that no running est
holds, and after an error in this process. A journal holds only names: a planted one can
at most remove or rename files named like est's own temporary files, in one folder.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
from pathlib import Path

from est_cli.cache import confined
from est_cli.errors import N_, EstError
from est_cli.render.files import why
from est_cli.render.lock import holding, is_held, outside, shown, try_lock

JOURNAL_DIR = ".est/journal"
_TXID = re.compile(r"[0-9a-f]{12}")


def write_set(
    root: Path, slot: str, folder: Path, files: dict[str, bytes], what: str
) -> list[Path]:
    """Write `files` ({name: bytes}) into `folder` as one set; the paths, sorted by name.

    `root` is the workspace (its `.est/` holds the lock and the journal), `slot` names the
    document ('weekly-2021-W10'), `what` the work in a lock message.
    """
    names = sorted(files)
    with holding(root, slot, what):
        recover(root)
        _check_folder(root, folder, names)
        txid = secrets.token_hex(6)
        journal = _Journal(root, slot)
        journal.write("prepared", folder, txid, names)
        try:
            for name in names:
                _write_synced(root, folder, name, _temp(name, txid), files[name])
            _sync_dir(folder)
            journal.write("committed", folder, txid, names)
        except BaseException:
            with contextlib.suppress(OSError, EstError):
                journal.recover()  # prepared: the temporary files are removed
            raise
        try:
            journal.recover()  # committed: renames every file into place
        except OSError as exc:
            raise EstError(
                N_(
                    "cannot finish writing %(path)s: %(why)s (%(file)s); the new files are "
                    "complete and est puts them in place the next time it writes a document, "
                    "once the cause is fixed",
                    path=shown(root, folder),
                    why=why(exc),
                    file=str(exc.filename),
                )
            ) from None
    return [folder / name for name in names]


def recover(root: Path) -> list[str]:
    """Finish or undo every interrupted write of the workspace; the slots recovered.

    A slot another est holds is left alone: its write is not interrupted but running.
    """
    folder = root / JOURNAL_DIR
    done: list[str] = []
    if not confined(root, JOURNAL_DIR):
        return done  # what a link outside holds is not est's to read
    # A kill while the journal itself was written leaves only its hidden temporary file.
    found = sorted(folder.glob("*.json")) + sorted(folder.glob(".*.json.tmp"))
    slots = {p.name.removeprefix(".").removesuffix(".tmp"): p for p in found if p.is_file()}
    for name, path in sorted(slots.items()) if folder.is_dir() else []:
        slot = name.removesuffix(".json")
        fd = None if is_held(root, slot) else try_lock(root, slot)
        if fd is None and not is_held(root, slot):
            continue  # running
        try:
            _Journal(root, slot).recover()
            done.append(slot)
        except OSError as exc:
            raise EstError(
                N_(
                    "cannot finish the interrupted write recorded in %(path)s: %(why)s "
                    "(%(file)s); fix that and run again, or delete %(path)s and build the "
                    "document again",
                    path=shown(root, path),
                    why=why(exc),
                    file=str(exc.filename),
                )
            ) from None
        finally:
            if fd is not None:
                os.close(fd)
    return done


def _temp(name: str, txid: str) -> str:
    return f".{name}.{txid}.est-tmp"


def _plain(name: object) -> bool:
    """A file name of a set: no folder in it, not hidden."""
    return (
        isinstance(name, str)
        and bool(name)
        and not name.startswith(".")
        and not any(c in name for c in "/\\\0")
    )


class _Journal:
    """The journal of one slot: `.est/journal/<slot>.json`."""

    def __init__(self, root: Path, slot: str):
        self.root = root
        self.path = root / JOURNAL_DIR / f"{slot}.json"

    def write(self, state: str, folder: Path, txid: str, names: list[str]) -> None:
        where = shown(self.root, folder)
        record = {"state": state, "folder": where, "txid": txid, "files": names}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        outside(self.root, JOURNAL_DIR)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(json.dumps(record).encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            _sync_dir(self.path.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise EstError(
                N_(
                    "cannot write %(path)s: %(why)s; est records unfinished writes in .est/ of "
                    "the workspace: make it writable (and free some disk space) and run again; "
                    "nothing was changed",
                    path=shown(self.root, self.path),
                    why=why(exc),
                )
            ) from None

    def recover(self) -> None:
        """Undo a prepared write, complete a committed one, then drop the journal."""
        self.path.with_name(f".{self.path.name}.tmp").unlink(missing_ok=True)
        try:
            record = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            record = None
        if (
            isinstance(record, dict)
            and record.get("state") in ("prepared", "committed")
            and isinstance(record.get("folder"), str)
            and isinstance(record.get("txid"), str)
            and _TXID.fullmatch(record["txid"])
            and isinstance(record.get("files"), list)
            and all(_plain(n) for n in record["files"])
        ):
            folder = self.root / record["folder"]  # an absolute folder stays absolute
            for name in record["files"]:
                temp = folder / _temp(name, record["txid"])
                if record["state"] == "prepared":
                    temp.unlink(missing_ok=True)
                else:
                    with contextlib.suppress(FileNotFoundError):  # renamed already
                        os.replace(temp, folder / name)
            with contextlib.suppress(OSError):
                _sync_dir(folder)
        self.path.unlink(missing_ok=True)


def _check_folder(root: Path, folder: Path, names: list[str]) -> None:
    """Fail before anything is written when the set cannot be put in place."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot(root, folder, exc) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot(root, folder, OSError(errno.EACCES, os.strerror(errno.EACCES)))
    for name in names:
        final = folder / name
        if final.is_dir() and not final.is_symlink():
            raise EstError(
                N_(
                    "cannot write %(path)s: it is a folder; move it away or choose another "
                    "folder with --out. Nothing was changed",
                    path=shown(root, final),
                )
            )


def _write_synced(root: Path, folder: Path, name: str, temp: str, data: bytes) -> None:
    path = folder / temp
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise _cannot(root, folder / name, exc) from None


def _sync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (a power cut, not only a kill)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cannot(root: Path, path: Path, exc: OSError) -> EstError:
    """'cannot write PATH: why; what to do. Nothing was changed'."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        todo = N_("free some disk space, then run again")
    elif code in (errno.EEXIST, errno.ENOTDIR):
        where = shown(root, Path(exc.filename)) if exc.filename else N_("a part of that path")
        todo = N_(
            "%(where)s is a file, not a folder: move it away or choose another folder with --out",
            where=where,
        )
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = N_("make the folder writable, or choose another folder with --out")
    else:
        todo = N_("fix the cause or choose another folder with --out")
    return EstError(
        N_(
            "cannot write %(path)s: %(why)s; %(todo)s. Nothing was changed: the previous "
            "reports are as they were",
            path=shown(root, path),
            why=why(exc),
            todo=todo,
        )
    )
