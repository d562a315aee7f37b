"""`est survey questions`: the weekly survey's questionnaire, from est.yaml's survey section.

The form in the survey tool and est read the same list: each question is asked with the
text est recognises as its export header (a factor's label; Namn, Organisation, Område,
Kommentar), and each answer is one est reads. Printed as Markdown for people, and as a CSV
(one row per question, the answers separated by '|') that survey tools can import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from est_cli.load.survey_headers import FIELD_LABELS
from est_cli.load.workspace import Workspace
from est_cli.models.survey import Survey, SurveyField
from est_cli.render.fmt import Formatter

FORMATS = ("md", "csv")


@dataclass(frozen=True)
class Question:
    header: str  # the question's text: what the export's header will be
    kind: str  # 'text' or 'choice'
    choices: tuple[str, ...]
    required: bool


def questions(ws: Workspace, survey: Survey, fmt: Formatter) -> list[Question]:
    _ = fmt.words.gettext
    organisations = tuple(dict.fromkeys(r.organisation for r in survey.respondents))
    answers = (*(level.label for level in survey.scale), survey.dont_know[0])
    return [
        Question(FIELD_LABELS[SurveyField.respondent], "text", (), True),
        Question(
            FIELD_LABELS[SurveyField.organisation],
            "choice" if organisations else "text",
            organisations,
            True,
        ),
        Question(FIELD_LABELS[SurveyField.area], "choice", tuple(ws.areas.names.values()), True),
        *(Question(f.label, "choice", answers, True) for f in survey.factors),
        Question(FIELD_LABELS[SurveyField.comment], "text", (), False),
    ]


def questionnaire(ws: Workspace, format: str, language: str) -> str:
    """The questionnaire as Markdown ('md') or CSV ('csv'); `format` is one of FORMATS."""
    survey = ws.settings.survey or Survey()
    fmt = Formatter(language)
    listed = questions(ws, survey, fmt)
    return _csv(listed, fmt) if format == "csv" else _markdown(ws, survey, listed, fmt)


def _kind(q: Question, fmt: Formatter) -> str:
    _ = fmt.words.gettext
    return _("one answer") if q.kind == "choice" else _("free text")


def _csv(listed: list[Question], fmt: Formatter) -> str:
    _ = fmt.words.gettext
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([_("No."), _("Question"), _("Answer type"), _("Answers"), _("Required")])
    for n, q in enumerate(listed, start=1):
        required = _("yes") if q.required else _("no")
        writer.writerow([n, q.header, _kind(q, fmt), "|".join(q.choices), required])
    return buffer.getvalue()


def _markdown(ws: Workspace, survey: Survey, listed: list[Question], fmt: Formatter) -> str:
    _ = fmt.words.gettext
    scale = ", ".join(f"{level.label} ({level.value})" for level in survey.scale)
    if survey.answers_describe == "previous_week":
        asked = _("How was the last week (Monday to Sunday) in your area?")
    else:
        asked = _("How is this week (Monday to Sunday) in your area?")
    title, answers, optional = _("The weekly survey"), _("Answers for each factor"), _("optional")
    heads = [_("No."), _("Question"), _("Answer type"), _("Answers")]
    lines = [
        f"# {title}: {ws.settings.municipality}",
        "",
        asked
        + " "
        + _(
            "Answer every factor; answer '%(dont_know)s' when you do not know.",
            dont_know=survey.dont_know[0],
        ),
        "",
        f"{answers}: {scale}, {survey.dont_know[0]}.",
        "",
        "| " + " | ".join(heads) + " |",
        "|---:|---|---|---|",
    ]
    for n, q in enumerate(listed, start=1):
        note = "" if q.required else f" ({optional})"
        cells = [str(n), q.header + note, _kind(q, fmt), ", ".join(q.choices) or "–"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += [
        "",
        _(
            "Ask every question with exactly this text: est reads the survey tool's export by "
            "these headers. The comments are only shown in the internal weekly report."
        ),
        "",
    ]
    return "\n".join(lines)
