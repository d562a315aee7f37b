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

from est_cli.errors import printable

if TYPE_CHECKING:  # rich loads when something is printed, not at `est --help` (issue 7)
    from rich.console import Console
    from rich.table import Table

    from est_cli.cli.words import Say
    from est_cli.errors import Problem


def console(*, stderr: bool = False) -> Console:
    """A console for est's messages, made when needed so it follows the current environment.

    soft_wrap makes it the default for every `print` that lines are never wrapped or cropped.
    emoji=False: a value from a file is shown as written (':x:' stays ':x:', not an emoji);
    est's own texts use no emoji codes. Markup in values is escaped where they are printed.
    """
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


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
    """`text` made safe to print as rich markup ('[x]' stays '[x]'), controls made visible."""
    from rich.markup import escape

    return escape(visible(str(text)))


# Control characters other than tab and newline, which a file may hold (an export's value, a
# file name): printed as they are, ESC sequences would recolour, move or clear what the
# terminal or a CI log shows, and a carriage return would overwrite a line.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (9, 10)}


def visible(text: str) -> str:
    """`text` with its control characters shown as \\xNN, so that it prints as written."""
    return text.translate(_CONTROLS)


def _repo_path(root: Path, file: str) -> str:
    """The file's path as GitHub sees it: relative to the current folder when possible, and
    as written (a link's own path, never where it leads)."""
    full = root / file
    try:
        return Path(os.path.abspath(full)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.path.relpath(full) if full.is_absolute() else file


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def problem_text(problem: Problem, say: Say | None = None) -> str:
    """`Problem.text` in `say`'s language (English without one)."""
    if say is None:
        return problem.text
    message, hint = say.text(problem.message), problem.hint and say.text(problem.hint)
    body = f"{problem.field}: {message}" if problem.field else message
    return printable(f"{body} ({hint})" if hint else body)


def github_line(problem: Problem, root: Path, say: Say | None = None) -> str:
    props = [f"file={_gh_escape(visible(_repo_path(root, problem.file)), True)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.col is not None:
            props.append(f"col={problem.col}")
    props.append(f"title={_gh_escape('est ' + problem.code, True)}")
    text = problem_text(problem, say)
    return f"::{problem.severity} {','.join(props)}::{_gh_escape(visible(text))}"


def print_problems(
    problems: Sequence[Problem],
    root: Path,
    fmt: Format = Format.text,
    out: Console | None = None,
    say: Say | None = None,
) -> None:
    """Every problem, for a person (text) or a machine (github, one annotation per row).

    In text, a problem that recurs on many rows of a file (the same unknown value in every
    row of a month) is one message with the count and the first rows, followed by the
    est.yaml snippet that fixes it; annotations and JSON stay one per row, so GitHub can mark
    each line. Thousands of problems (a large export gone wrong) are printed in one go: as
    plain text when the output is a file or a pipe, as one styled text otherwise.
    `say` words them, and 'error' and 'warning', in the output's language (est_cli.cli.words);
    without it they are printed in English."""
    out = out or console()
    if not problems:
        return
    if fmt == Format.github:
        lines = [github_line(p, root, say) for p in problems]
    else:
        styled = out.is_terminal or out.color_system is not None
        lines = [_group_text(group, styled, say) for group in group_problems(problems)]
        if styled:
            out.print("\n".join(lines))
            return
    out.file.write("\n".join(lines) + "\n")
    out.file.flush()


ROWS_NAMED = 3  # rows named in a grouped message before "…"


def group_problems(problems: Sequence[Problem]) -> list[list[Problem]]:
    """Problems that say the same thing about the same file, in the order they first occur.

    Grouping is for people: the core keeps one problem per row (rows are excluded, cached,
    annotated and listed in documents one by one), and only the text output merges them.
    """
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for p in problems:
        key = (p.file, p.severity, p.field, p.code, p.message, p.hint, p.fix, p.line is None)
        groups.setdefault(key, []).append(p)
    return list(groups.values())


def _group_text(group: list[Problem], styled: bool, say: Say | None) -> str:
    first = group[0]
    severity = say.severities()[first.severity] if say else first.severity
    message = say.text(first.message) if say else first.message
    body = printable(f"{first.field}: {message}" if first.field else message)
    if len(group) > 1:
        named = ", ".join(str(p.line) for p in group[:ROWS_NAMED])
        more = ", …" if len(group) > ROWS_NAMED else ""
        rows = (
            say.ngettext("%(num)s row", "%(num)s rows", len(group))
            if say
            else plural(len(group), "row")
        )
        body += f": {rows} ({named}{more})"
    if first.hint:
        body += f" ({printable(say.text(first.hint) if say else first.hint)})"
    snippet = (say.text(first.fix) if say else first.fix) if first.fix else ""
    fix = [f"    {printable(line)}" for line in snippet.split("\n")] if snippet else []
    if not styled:
        return visible("\n".join([f"{first.location}: {severity}: {body}", *fix]))
    colour = _COLOUR[first.severity]
    head = f"[bold]{escape(first.location)}[/bold]: [{colour}]{severity}[/{colour}]: {escape(body)}"
    return "\n".join([head, *(f"[dim]{escape(line)}[/dim]" for line in fix)])


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
