"""Writing outputs atomically: a crash never leaves half a report behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from est_cli.errors import N_, EstError

# The system's reasons a write fails that a user meets, as the system words them in English
# (its strerror), so that the catalogue can say them in the run's language.
_WHY: dict[str, str] = {
    text: text
    for text in (
        N_("Permission denied"),
        N_("Operation not permitted"),
        N_("Read-only file system"),
        N_("No space left on device"),
        N_("Disk quota exceeded"),
        N_("File exists"),
        N_("Not a directory"),
        N_("Is a directory"),
    )
}


def why(exc: OSError) -> str:
    """Why a write failed, as the system says it (a text of the catalogue when common)."""
    reason = str(exc.strerror or exc)
    return _WHY.get(reason, reason)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise EstError(
            N_(
                "cannot write %(path)s: %(why)s (%(where)s); choose another folder with --out",
                path=str(path),
                why=why(exc),
                where=str(exc.filename or path.parent),
            )
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise EstError(N_("cannot write %(path)s: %(why)s", path=str(path), why=why(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
