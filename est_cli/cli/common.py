"""What every command shares: the workspace option and the error → exit code mapping."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption

from est_cli.cli.output import err_console, escape, print_problems
from est_cli.cli.words import Say

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext  # what TyperGroup's methods take

    from est_cli.load.workspace import Workspace


class Group(TyperGroup):
    """A Typer command group that reads its options without pydantic.

    Typer coerces every option value that is not already a bool through a pydantic
    TypeAdapter. A group's --help option defaults to None, so merely passing through a group
    (`est week build --help`) would import pydantic and build an adapter, tens of
    milliseconds, to learn that --help was not given. With a default of False it is left alone.
    (A command that runs still has its own options coerced so; those commands use pydantic.)
    """

    def get_help_option(self, ctx: ClickContext) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


def command_group(**settings: Any) -> typer.Typer:
    """A Typer app for est or one of its command groups: plain help, no pydantic to start.

    rich_markup_mode=None: help is formatted by Typer's Click, without rich; rich's help
    formatter (Markdown, tracebacks, pygments) alone costs more than est's start-up budget.
    """
    return typer.Typer(cls=Group, rich_markup_mode=None, no_args_is_help=True, **settings)


WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (default: the folder holding est.yaml, here or above).",
        show_default=False,
    ),
]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        "-l",
        help="Language of the documents and of what est prints: sv or en (default: est.yaml's).",
        show_default=False,
    ),
]
AllowPersonalDataOpt = Annotated[
    bool,
    typer.Option(
        "--allow-personal-data",
        help="Publish text although it holds a personnummer, phone number or e-mail address "
        "(reported as a warning).",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every export afresh, and neither read nor write the cache in .est/cache/.",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write the documents to this folder instead.", show_default=False
    ),
]


def open_workspace(workspace: Path | None) -> Workspace:
    """The workspace at `--workspace`, or the one the current folder is in, loaded; a write
    of reports that a crash interrupted is first finished or undone."""
    from est_cli.load.workspace import find_workspace, load_workspace
    from est_cli.render.fileset import recover

    root = find_workspace(workspace)
    recover(root)
    return load_workspace(root)


def speaker(language: str | None) -> Say:
    """What a command says, in `--language` when given; a wrong one is a usage error (exit 2)."""
    with reporting():
        return Say.requested(language)


def shown(path: Path | str) -> str:
    """A path as the user reads it: relative to the current folder when it is inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@contextmanager
def reporting(root: Path | None = None, say: Say | None = None) -> Iterator[None]:
    """Turn est errors into messages and exit codes: 1 for data errors, 2 for usage errors.

    Messages are in `say`'s language (Swedish when none is known yet): the words around
    them, and the core's own texts (est_cli.errors.Text)."""
    from est_cli.errors import DataError, EstError

    try:
        yield
    except DataError as exc:
        say = say or Say()
        if exc.problems:
            print_problems(exc.problems, root or Path.cwd(), out=err_console(), say=say)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        summary = (
            escape(say.text(exc.summary))
            if exc.summary
            else say.ngettext(
                "%(num)s error in the input files (`est check` lists them all).",
                "%(num)s errors in the input files (`est check` lists them all).",
                errors,
            )
        )
        stopped = say._("Stopped:")
        err_console().print(f"[red]{stopped}[/red] {summary}")
        raise typer.Exit(1) from None
    except EstError as exc:
        say = say or Say()
        said = say.text(exc.args[0]) if len(exc.args) == 1 else str(exc)
        err_console().print(f"[red]{say.severities()['error']}:[/red] {escape(said)}")
        raise typer.Exit(exc.exit_code) from None


def split_formats(value: str, allowed: tuple[str, ...]) -> list[str]:
    """'md,html' → ['md', 'html'], rejecting unknown formats with a usage error."""
    from est_cli.errors import UsageError

    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UsageError(
            f"unknown format '{','.join(bad) or value}'; choose from "
            f"{', '.join(allowed)} (comma-separated, e.g. md,html)"
        )
    return list(dict.fromkeys(formats))


def workspace_speaker(language: str | None, root: Path | None) -> Say:
    """What a command says that may run outside a workspace: `--language`, else the
    language of the workspace at `root` (when there is one), else Swedish."""
    say = speaker(language)
    if language is None and root is not None:
        from est_cli.load.workspace import settings_language

        say.use(settings_language(root) or say.language)
    return say
