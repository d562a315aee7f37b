"""`est survey questions`: the weekly partner survey's questionnaire."""

from pathlib import Path
from typing import Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    WorkspaceOpt,
    command_group,
    open_workspace,
    reporting,
    shown,
    speaker,
)
from est_cli.cli.output import console, escape

survey_app = command_group(help="The weekly partner survey (enkät).")


@survey_app.command("questions", short_help="Print the survey's questionnaire.")
def questions(
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="md (for people) or csv (to import into a survey tool)."
        ),
    ] = "md",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write it to this file instead of printing it.", show_default=False
        ),
    ] = None,
    language: LanguageOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Print the questionnaire of the weekly survey (factors and answer scale, from est.yaml's
    survey section; est's default 12 factors without one), so the form and est never drift
    apart: ask every question with exactly the text printed here.

    Exit codes: 0 printed or written; 1 est.yaml cannot be used; 2 wrong options.
    """
    from est_cli.errors import UsageError
    from est_cli.render.files import write_atomic
    from est_cli.reports.period import document_language
    from est_cli.reports.questionnaire import FORMATS, questionnaire

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        lang = document_language(ws, language)
        say.use(lang)
        if format not in FORMATS:
            raise UsageError(f"unknown format '{format}'; choose md or csv")
        text = questionnaire(ws, format, lang)
        if out is None:
            typer.echo(text, nl=False)
            return
        path = write_atomic(out, text)
    console().print(say._("wrote %(path)s", path=escape(shown(path))))


def register(app: typer.Typer) -> None:
    app.add_typer(survey_app, name="survey")
