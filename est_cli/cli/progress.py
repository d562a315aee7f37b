"""A spinner while exports are read, shown only when reading takes a while."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from est_cli.cli.output import err_console, escape
from est_cli.cli.words import Say

SHOW_PROGRESS_AFTER = 0.3  # seconds; quick builds stay quiet


@contextmanager
def reading_progress(say: Say) -> Iterator[Callable[[int, int, str], None]]:
    """A progress callback for reading exports; shows a spinner only when reading takes a while."""
    started = time.monotonic()
    status: Any = None

    def update(n: int, total: int, file: str) -> None:
        nonlocal status
        text = say._(
            "Reading incident exports (%(n)s/%(total)s): %(file)s",
            n=n,
            total=total,
            file=escape(file),
        )
        if status is None and (n > 1 or time.monotonic() - started > SHOW_PROGRESS_AFTER):
            status = err_console().status(text)
            status.start()
        elif status is not None:
            status.update(text)

    try:
        yield update
    finally:
        if status is not None:
            status.stop()
