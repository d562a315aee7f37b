"""Printing problems and summaries: rich text on a terminal, GitHub annotations, JSON.

Nothing est prints is broken at the terminal's width. A path, a command or a problem line is
there to be copied (and read by scripts), so it stays one line however narrow the terminal:
the terminal may fold it on screen, but copying gives the whole line back. Tables are printed
at their own width for the same reason. What est prints is therefore the same at any width.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads when something is printed, not at `est --help` (issue 7)
    from rich.console import Console
    from rich.table import Table

    from est_cli.errors import Problem


def console(*, stderr: bool = False) -> Console:
    """A console for est's messages, made when needed so it follows the current environment.

    soft_wrap makes it the default for every `print` that lines are never wrapped or cropped.
    """
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def err_console() -> Console:
    return console(stderr=True)


def print_table(table: Table, out: Console | None = None) -> None:
    """Print a table at its natural width, whatever the terminal's.

    In a narrow terminal rich would squeeze the columns and cut cells short ("To…"), so the
    figures shown would depend on where est runs; a table too wide is folded by the terminal
    instead, and nothing is lost.
    """
    from rich.measure import Measurement

    out = out or console()
    table.width = Measurement.get(out, out.options.update_width(10_000), table).maximum
    out.print(table)


class Format(StrEnum):
    text = "text"
    github = "github"
    json = "json"


def escape(text: object) -> str:
    """`text` made safe to print as rich markup ('[x]' stays '[x]')."""
    from rich.markup import escape

    return escape(str(text))


def _repo_path(root: Path, file: str) -> str:
    """The file's path as GitHub sees it: relative to the current folder when possible."""
    full = root / file
    try:
        return full.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.path.relpath(full) if full.is_absolute() else file


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_line(problem: Problem, root: Path) -> str:
    props = [f"file={_gh_escape(_repo_path(root, problem.file), True)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
    props.append(f"title={_gh_escape('est ' + problem.code, True)}")
    return f"::{problem.severity} {','.join(props)}::{_gh_escape(problem.text)}"


def print_problems(
    problems: Sequence[Problem], root: Path, fmt: Format = Format.text, out: Console | None = None
) -> None:
    """One line per problem. Thousands of problems (a large export gone wrong) are printed in
    one go: as plain text when the output is a file or a pipe, as one styled text otherwise."""
    out = out or console()
    if not problems:
        return
    if fmt == Format.github:
        lines = [github_line(p, root) for p in problems]
    elif out.is_terminal or out.color_system is not None:
        lines = [
            f"[bold]{escape(p.location)}[/bold]: [{_COLOUR[p.severity]}]{p.severity}"
            f"[/{_COLOUR[p.severity]}]: {escape(p.text)}"
            for p in problems
        ]
        out.print("\n".join(lines))
        return
    else:
        lines = [f"{p.location}: {p.severity}: {p.text}" for p in problems]
    out.file.write("\n".join(lines) + "\n")
    out.file.flush()


_COLOUR = {"error": "red", "warning": "yellow"}


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def problems_json(problems: Sequence[Problem], **summary: object) -> str:
    import json

    return json.dumps(
        {"problems": [p.shown() for p in problems], "summary": summary},
        ensure_ascii=False,
        indent=2,
    )
