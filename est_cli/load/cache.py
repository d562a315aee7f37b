"""The parse cache: an export read and validated once is kept as Parquet in `.est/cache/`.

An entry is keyed by everything its contents depend on: the file's bytes and path, est's
version, and the settings that change how a file is read (time zone, areas, categories and
their aliases, the source's delimiter, encoding, decimal mark and column mapping). So a
changed file, alias or est version is simply a different key. The problems found in the
file are cached with its rows, so `est check` reports the same with or without the cache.
An entry that cannot be read back completely is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from est_cli import __version__
from est_cli.errors import Problem

if TYPE_CHECKING:
    import pandas as pd

    from est_cli.load.workspace import Workspace
    from est_cli.models.settings import IncidentSource

CACHE_DIR = ".est/cache"
LAYOUT = 1  # bump when what an entry holds changes


@dataclass
class Entry:
    """One file's validated rows and everything said about it."""

    frame: pd.DataFrame
    problems: list[Problem]
    meta: dict[str, Any]  # rows, blank, encoding, delimiter


def settings_key(ws: Workspace, source: IncidentSource) -> str:
    """A hash of the settings that change how a file of this source is read."""
    parts = {
        "est": __version__,
        "layout": LAYOUT,
        "timezone": ws.settings.timezone,
        "areas": [a.model_dump(mode="json") for a in ws.settings.areas],
        "categories": [c.model_dump(mode="json") for c in ws.settings.resolved_categories()],
        "source": source.model_dump(mode="json", exclude={"files"}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def entry_key(rel: str, raw: bytes, settings: str) -> str:
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + rel.encode() + b"\0" + settings.encode())
    return digest.hexdigest()[:40]


class Cache:
    """Entries under `root/.est/cache/incidents/`; a disabled cache reads and writes nothing."""

    def __init__(self, root: Path, enabled: bool = True):
        self.folder = root / CACHE_DIR / "incidents"
        self.enabled = enabled

    def get(self, key: str) -> Entry | None:
        if not self.enabled:
            return None
        try:
            import pyarrow.parquet as pq

            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            frame = pq.read_table(self.folder / f"{key}.parquet").to_pandas()
            problems = [Problem(**p) for p in meta.pop("problems")]
            if meta.pop("key") != key or len(frame) != meta["used"]:
                return None
        except Exception:  # a damaged, partial or foreign entry: read the file again
            return None
        return Entry(frame, problems, meta)

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry; a cache that cannot be written (read-only checkout) is skipped."""
        if not self.enabled:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        meta = {
            **entry.meta,
            "key": key,
            "used": len(entry.frame),
            "problems": [p.to_dict() for p in entry.problems],
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pandas(entry.frame, preserve_index=False)
            _atomic(self.folder / f"{key}.parquet", lambda f: pq.write_table(table, f))
            # the JSON last: an entry without it is never read
            text = json.dumps(meta, ensure_ascii=False)
            _atomic(self.folder / f"{key}.json", lambda f: f.write(text.encode("utf-8")))
        except OSError:
            return


def _atomic(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_cache(root: Path) -> int:
    """Empty the workspace's cache; the number of files removed."""
    folder = root / CACHE_DIR
    if not folder.is_dir():
        return 0
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder)
    return count
