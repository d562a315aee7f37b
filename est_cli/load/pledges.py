"""Which pledge a document is about: the one given, the one covering a period, or today's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from est_cli.errors import N_, DataError, UsageError
from est_cli.load.confine import lexically_inside
from est_cli.load.workspace import Loaded, Workspace, load_pledge, require
from est_cli.models.pledge import Pledge

NO_PLEDGES = N_("no pledge files in pledges/; add one (see `est init`) or pass --pledge FILE")


def load_pledge_file(ws: Workspace, path: Path) -> Loaded[Pledge]:
    """Load one pledge given on the command line; errors stop the run."""
    full = path if path.is_absolute() else (Path.cwd() / path)
    if not full.is_file():
        alt = ws.root / path
        if alt.is_file():
            full = alt
        else:
            files = ", ".join(ws.rel(p) for p in ws.pledge_files()) or N_("none")
            raise UsageError(
                N_(
                    "pledge file %(path)s not found; pledge files here: %(files)s",
                    path=str(path),
                    files=files,
                )
            )
    # the user's own choice, unless it names a file in the workspace (a link there is refused)
    loaded = load_pledge(ws, full, confined=lexically_inside(ws.root, full))
    require(loaded)
    return loaded


def all_pledges(ws: Workspace) -> list[Loaded[Pledge]]:
    """Every pledge file of the workspace; invalid ones stop the run with their problems."""
    loaded = [load_pledge(ws, p) for p in ws.pledge_files()]
    errors = [p for item in loaded for p in item.problems if p.severity == "error"]
    if errors or any(item.model is None for item in loaded):
        raise DataError([p for item in loaded for p in item.problems])
    return loaded


def describe_pledges(loaded: list[Loaded[Pledge]]) -> str:
    return "; ".join(
        f"{item.rel} ({item.model.valid_from} – {item.model.valid_to})"
        for item in loaded
        if item.model
    )


def _valid(item: Loaded[Pledge]) -> Pledge:
    assert item.model is not None  # all_pledges refuses files without a model
    return item.model


def pledge_for_period(ws: Workspace, key: str, first: date, last: date) -> Loaded[Pledge]:
    """The pledge whose validity covers the period (overlap; full cover wins a tie)."""
    loaded = all_pledges(ws)
    if not loaded:
        raise UsageError(NO_PLEDGES)
    overlapping = [
        i for i in loaded if _valid(i).valid_from <= last and _valid(i).valid_to >= first
    ]
    if len(overlapping) > 1:
        full = [
            i for i in overlapping if _valid(i).valid_from <= first and _valid(i).valid_to >= last
        ]
        overlapping = full if len(full) == 1 else overlapping
    if len(overlapping) == 1:
        return overlapping[0]
    if not overlapping:
        raise UsageError(
            N_(
                "no pledge covers %(key)s (%(first)s – %(last)s); pledge files: %(files)s. Pass "
                "--tertial for a period a pledge covers, or --pledge FILE",
                key=key,
                first=str(first),
                last=str(last),
                files=describe_pledges(loaded),
            )
        )
    raise UsageError(
        N_(
            "several pledges cover %(key)s: %(files)s; choose one with --pledge FILE",
            key=key,
            files=describe_pledges(overlapping),
        )
    )


def pledge_for_day(ws: Workspace, day: date) -> Loaded[Pledge]:
    """The pledge valid on `day`; the only one when there is just one; else a usage error."""
    loaded = all_pledges(ws)
    if not loaded:
        raise UsageError(NO_PLEDGES)
    if len(loaded) == 1:
        return loaded[0]
    current = [i for i in loaded if _valid(i).valid_from <= day <= _valid(i).valid_to]
    if len(current) == 1:
        return current[0]
    raise UsageError(
        N_(
            "%(count)s pledge(s) valid today (%(day)s) among %(files)s; choose one with "
            "--pledge FILE",
            count=len(current) or N_("no"),
            day=str(day),
            files=describe_pledges(loaded),
        )
    )
