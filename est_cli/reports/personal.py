"""No personal data in a published document unless the user says so (--allow-personal-data).

The texts a document shows (the pledge's, and the insatser of the week notes for a tertial)
are searched before anything is rendered; what is found stops the document with every
finding located, or, when allowed, is reported as a warning (which --strict stops on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from est_cli.errors import N_, DataError, Problem, Severity
from est_cli.load.personal import PERSONAL_DATA, contacts, in_insatser, personal_data_problems
from est_cli.load.weeks import starts_in
from est_cli.load.workspace import Workspace, load_week_notes
from est_cli.load.yamldoc import Path_, YamlDoc
from est_cli.periods import AnyPeriod


def personal_data_in(
    ws: Workspace,
    pledge: YamlDoc,
    include: Callable[[Path_], bool],
    *,
    period: AnyPeriod | None = None,
    allow: bool = False,
) -> list[Problem]:
    """Personal data in the pledge texts `include` takes and, for a `period`, in the week
    notes' insatser that start in it; errors unless `allow`."""
    severity: Severity = "warning" if allow else "error"
    allowed = contacts(ws.doc)
    found = personal_data_problems(pledge, include=include, allowed=allowed, severity=severity)
    if period is None:
        return found
    for path in ws.week_files():
        week = load_week_notes(ws, path)
        if week.model is None or week.doc is None:
            continue  # its problems are reported (and stop the document) elsewhere
        shown = {i for i, ins in enumerate(week.model.insatser) if starts_in(ins, period)}
        if shown:
            found += personal_data_problems(
                week.doc, include=in_insatser(shown), allowed=allowed, severity=severity
            )
    return found


def refuse_personal_data(problems: Sequence[Problem], *, document: str) -> None:
    """Stop `document` when personal data was found and not allowed, listing `problems`."""
    stopping = [p for p in problems if p.code == PERSONAL_DATA and p.severity == "error"]
    if stopping:
        raise DataError(
            problems,
            summary=N_(
                "%(count)s text(s) would publish personal data in the %(document)s; nothing was "
                "written. Remove them, or pass --allow-personal-data if they may be published.",
                count=len(stopping),
                document=document,
            ),
        )
