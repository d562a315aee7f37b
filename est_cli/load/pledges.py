"""Which pledge a document is about: the one given, the one covering a period, or today's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from est_cli.errors import DataError, UsageError
from est_cli.load.confine import lexically_inside
from est_cli.load.workspace import Loaded, Workspace, load_pledge, require
from est_cli.models.pledge import Pledge

NO_PLEDGES = "no pledge files in pledges/; add one (see `est init`) or pass --pledge FILE"


def load_pledge_file(ws: Workspace, path: Path) -> Loaded[Pledge]:
    """Load one pledge given on the command line; errors stop the run."""
    full = path if path.is_absolute() else (Path.cwd() / path)
    if not full.is_file():
        alt = ws.root / path
        if alt.is_file():
            full = alt
        else:
            files = ", ".join(ws.rel(p) for p in ws.pledge_files()) or "none"
            raise UsageError(f"pledge file {path} not found; pledge files here: {files}")
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
            f"no pledge covers {key} ({first} – {last}); "
            f"pledge files: {describe_pledges(loaded)}. Pass --tertial for a period a pledge "
            "covers, or --pledge FILE"
        )
    raise UsageError(
        f"several pledges cover {key}: {describe_pledges(overlapping)}; "
        "choose one with --pledge FILE"
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
        f"{len(current) or 'no'} pledge(s) valid today ({day}) among "
        f"{describe_pledges(loaded)}; choose one with --pledge FILE"
    )
