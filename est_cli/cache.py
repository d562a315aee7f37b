"""The cache in `.est/cache/`: an export read and validated once is kept as Parquet, and a
drawn chart as its SVG, so a rebuild with unchanged inputs does neither again.

An entry is keyed by everything its contents depend on: the file's bytes and path, est's
version, and the settings that change how a file is read (time zone, areas, categories and
their aliases, the source's delimiter, encoding, decimal mark and column mapping). So a
changed file, alias or est version is simply a different key. The problems found in the
file are cached with its rows, so `est check` reports the same with or without the cache.
An entry that cannot be read back completely is ignored and rebuilt, never trusted.

A workspace takes pull requests from many partners, and a pull request could add files
under `.est/` (git ignores them only by default). So every entry is signed with a key that
lives outside the workspace, in the user's own cache folder (`$XDG_CACHE_HOME/est/` or
`~/.cache/est/`, made on first use): an entry est did not write on this machine, committed
or planted, fails the check and is read afresh. Without a usable key there is no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypedDict

import pyarrow as pa
import pyarrow.parquet as pq

from est_cli import __version__
from est_cli.errors import EstError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from est_cli.models.settings import IncidentSource, Settings

CACHE_DIR = ".est/cache"
LAYOUT = 5  # bump when what an entry holds changes
KEEP_DAYS = 30  # entries unused this long are removed when new ones are written


def _machine_key() -> bytes | None:
    """This user's signing key for cache entries, made on first use; None when impossible."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "est" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
        os.replace(tmp, path)  # if another est made one meanwhile, both read the last
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _seal(secret: bytes, data: bytes) -> bytes:
    return hmac.new(secret, data, hashlib.sha256).hexdigest().encode() + b"\n" + data


def _unseal(secret: bytes, sealed: bytes) -> bytes | None:
    """The data, if this machine's key signed it."""
    mac, _, data = sealed.partition(b"\n")
    expected = hmac.new(secret, data, hashlib.sha256).hexdigest().encode()
    return data if hmac.compare_digest(mac, expected) else None


class FileCounts(TypedDict):
    """One file of a set of files, as the set's entry keeps it (`SourceFile`'s fields)."""

    file: str
    rows: int
    used: int
    excluded: int
    blank: int
    encoding: str
    delimiter: str
    ignored: int
    placed: int


class Meta(TypedDict, total=False):
    """What the file(s) of an entry held. One file's: its rows and blank rows (none when
    it could not be read as a table), its encoding and delimiter (none when not even
    those could be found). A set's: each file's counts, and the rows not used."""

    rows: int
    blank: int
    placed: int
    encoding: str
    delimiter: str
    ignored_rows: list[tuple[int, str, str | None]]  # line, ignore rule, day (ISO) if read
    days: dict[str, str]  # line → day (ISO) of the rows that cannot be used, when read
    files: list[FileCounts]
    # file, line, reason or ignore rule, day (JSON keeps each as a list)
    excluded: list[tuple[str, int, str, str | None]]
    ignored: list[tuple[str, int, str, str | None]]


@dataclass
class Entry:
    """The validated rows of one file, or of a whole set of files, and what was found."""

    frame: pd.DataFrame | None  # None when read without its rows
    problems: list[Problem]
    meta: Meta


def settings_key(settings: Settings, source: IncidentSource, geometry: str = "") -> str:
    """A hash of the settings that change how a file of this source is read; `geometry`,
    a hash of the areas' polygons (they place rows by position)."""
    parts = {
        "est": __version__,
        # what the cached frame's types and derived ids depend on
        "libraries": [version("pandas"), version("pyarrow")],
        "layout": LAYOUT,
        "timezone": settings.timezone,
        "areas": [a.model_dump(mode="json") for a in settings.areas],
        "categories": [c.model_dump(mode="json") for c in settings.resolved_categories()],
        "source": source.model_dump(mode="json", exclude={"files"}),
        "kind": type(source).__name__,  # the police's files are read by rules of their own
        "geometry": geometry,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def entry_key(rel: str, raw: bytes, settings: str) -> str:
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + rel.encode() + b"\0" + settings.encode())
    return digest.hexdigest()[:40]


def set_key(keys: list[str]) -> str:
    """The key of a set of files read together, in their order."""
    return hashlib.sha256(f"{LAYOUT}:{','.join(keys)}".encode()).hexdigest()[:40]


class Cache:
    """Entries under `root/.est/cache/KIND/`: one per file ('files') and one per set of
    files ('sets'); a disabled cache reads and writes nothing."""

    def __init__(self, root: Path, enabled: bool = True):
        self.root = root / CACHE_DIR
        self.secret = _machine_key() if enabled and confined(root) else None
        self.enabled = self.secret is not None

    def get(self, kind: str, key: str, columns: list[str] | None = None) -> Entry | None:
        """The entry, with only `columns` of its frame (None: all; []: no frame at all)."""
        if not self.enabled:
            return None
        folder = self.root / kind
        try:
            assert self.secret is not None
            signed = _unseal(self.secret, (folder / f"{key}.json").read_bytes())
            if signed is None:  # not written by est on this machine
                return None
            meta = json.loads(signed.decode("utf-8"))
            frame = None
            if columns != []:  # [] reads no Parquet at all
                data = (folder / f"{key}.parquet").read_bytes()
                if hashlib.sha256(data).hexdigest() != meta["parquet"]:
                    return None
                frame = pq.read_table(pa.BufferReader(data), columns=columns).to_pandas()
            problems = [Problem.read(p) for p in meta.pop("problems")]
            meta.pop("parquet")
            if meta.pop("key") != key:
                return None
        except Exception:  # a damaged, partial or foreign entry: read the file again
            return None
        for suffix in (".json", ".parquet"):  # in use: kept by `prune`
            with contextlib.suppress(OSError):
                os.utime(folder / f"{key}{suffix}")
        return Entry(frame, problems, meta)

    def prune(self, days: int = KEEP_DAYS) -> int:
        """Remove the entries not used for `days` days; the number of files removed."""
        if not self.enabled or not self.root.is_dir():
            return 0
        limit = time.time() - days * 86400
        removed = 0
        for path in self.root.rglob("*"):
            # a temporary file an est killed mid-write left behind: gone after an hour
            stale = time.time() - 3600 if path.name.startswith(".tmp-") else limit
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_mtime < stale:
                    path.unlink()
                    removed += 1
        return removed

    def put(self, kind: str, key: str, entry: Entry) -> None:
        """Store an entry; a cache that cannot be written (read-only checkout) is skipped."""
        if not self.enabled or entry.frame is None:
            return
        buf = io.BytesIO()
        try:
            table = pa.Table.from_pandas(entry.frame, preserve_index=False)
            pq.write_table(table, buf, compression="zstd")
        except Exception:  # what cannot be cached is simply read again next time
            return
        data = buf.getvalue()
        meta = {
            **entry.meta,
            "key": key,
            "parquet": hashlib.sha256(data).hexdigest(),
            "problems": [p.record() for p in entry.problems],
        }
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _atomic(folder / f"{key}.parquet", lambda f: f.write(data))
            # the JSON last, naming the Parquet file's hash: an entry is whole or not read
            text = json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8")
            assert self.secret is not None
            sealed = _seal(self.secret, text)
            _atomic(folder / f"{key}.json", lambda f: f.write(sealed))
        except OSError:
            return
        if kind == "sets":  # the inputs changed: a good moment to drop what is long unused
            self.prune()


def _atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def confined(root: Path, folder: str = CACHE_DIR) -> bool:
    """Whether est's own folder (the cache, or the locks and journal) lies in the workspace
    with every link followed. A link there (.est committed as a link, in a pull request) must
    not make est read, write or delete elsewhere: such a folder is not used."""
    try:
        return (root / folder).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def clear_cache(root: Path) -> int:
    """Empty the workspace's cache; the number of files removed."""
    folder = root / CACHE_DIR
    if not confined(root):
        raise EstError(
            f"{CACHE_DIR} leads outside the workspace folder (through a link), so est deletes "
            "nothing there; remove the link"
        )
    if not folder.is_dir():
        return 0
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder)
    return count


def memo(root: Path | None, kind: str, key: object, make: Callable[[], bytes]) -> bytes:
    """`make()`, or what it returned before for the same `key` (JSON-able). `root`: the
    workspace, or None to use no cache. For outputs that are a pure function of `key`."""
    secret = _machine_key() if root is not None and confined(root) else None
    if root is None or secret is None:
        return make()
    name = hashlib.sha256(json.dumps([__version__, LAYOUT, key], default=str).encode())
    digest = name.hexdigest()[:40]
    path = root / CACHE_DIR / kind / digest
    try:
        signed = _unseal(secret, path.read_bytes())  # signed with its own name: not movable
        if signed is not None and signed.startswith(digest.encode() + b"\n"):
            os.utime(path)  # in use: kept by `prune`
            return signed[len(digest) + 1 :]
    except OSError:
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic(path, lambda f: f.write(_seal(secret, digest.encode() + b"\n" + data)))
    except OSError:
        pass
    return data
