"""What every period document shares, beginning with the rule for incomplete data.

A period document (week, month, tertial, year) is chosen for a period, requires complete
data for it, computes its figures, suppresses them, renders and writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from est_cli.errors import DataError, Problem

StopOn = Literal["fatal", "error", "warning"]


def require_complete(problems: Sequence[Problem], *, document: str, stop_on: StopOn = "fatal") -> None:
    """Refuse to render `document` when an input its period needs could not be used.

    `problems` are those of every input the document reads for its period. A fatal problem
    (an unreadable export, an invalid YAML file) always stops it: the figures would be wrong
    with nothing to show it. `stop_on` widens the rule (the commands' --strict): "error" stops
    on any error, "warning" on any problem at all. All problems are reported, not only the
    ones that stop the document.
    """
    levels = {"fatal": (), "error": ("error",), "warning": ("error", "warning")}[stop_on]
    stopping = [p for p in problems if p.fatal or p.severity in levels]
    if not stopping:
        return
    files = sorted({p.file for p in stopping if p.fatal})
    if files:
        why = f"{', '.join(files)} could not be used, so the figures would be wrong"
    elif stop_on == "warning":
        why = "--strict stops on warnings too"
    else:
        why = "--strict stops on any error"
    raise DataError(
        problems,
        summary=f"{len(stopping)} problem(s) stop the {document} ({why}); nothing was written. "
        "Fix them and run again (`est check` lists every problem).",
    )
