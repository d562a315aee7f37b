"""The cross-checks of est.yaml's survey section that its model cannot make alone: ids used
twice, a scale out of order, a respondent's unknown area, a column mapped to nothing."""

from __future__ import annotations

from dataclasses import replace

from est_cli.errors import N_, Problem, suggestion
from est_cli.load.aliases import normalize
from est_cli.load.workspace import Workspace
from est_cli.models.survey import Survey, SurveyField


def survey_settings_problems(ws: Workspace, survey: Survey) -> list[Problem]:
    """The section's problems; a fatal one means no export can be read by these settings."""
    doc = ws.doc
    out: list[Problem] = []
    seen: dict[str, int] = {}
    spellings: dict[str, str] = {}
    for i, factor in enumerate(survey.factors):
        if factor.id in seen:  # fatal: two answer columns of one name cannot be summed up
            duplicate = doc.problem(
                ("survey", "factors", i, "id"),
                N_(
                    "factor id '%(id)s' is already used by %(by)s",
                    id=factor.id,
                    by=f"survey.factors[{seen[factor.id]}]",
                ),
                hint=N_("give each factor its own id"),
                code="duplicate-id",
            )
            out.append(replace(duplicate, fatal=True))
        seen.setdefault(factor.id, i)
        for spelling in (factor.label, *factor.aliases):
            other = spellings.setdefault(normalize(spelling), factor.id)
            if other != factor.id:
                out.append(
                    doc.problem(
                        ("survey", "factors", i),
                        N_(
                            "'%(spelling)s' names both factor '%(other)s' and '%(id)s'",
                            spelling=spelling,
                            other=other,
                            id=factor.id,
                        ),
                        hint=N_("a header must name one factor: remove one of the spellings"),
                        code="alias-conflict",
                    )
                )
    values = [level.value for level in survey.scale]
    if values != sorted(set(values)):
        out.append(
            doc.problem(
                ("survey", "scale"),
                N_(
                    "the levels' values %(values)s must rise from the first level to the last, "
                    "each used once",
                    values=str(values),
                ),
                hint=N_(
                    "list the levels lowest first, e.g. %(example)s",
                    example="0 Inget, 1 Enstaka, 2 Flera, 3 Många",
                ),
                code="bad-scale",
            )
        )
    for i, person in enumerate(survey.respondents):
        if person.area and person.area not in ws.areas.names:
            out.append(
                doc.problem(
                    ("survey", "respondents", i, "area"),
                    N_("'%(value)s' is not an area id", value=person.area),
                    hint=ws.areas.hint(person.area)
                    or N_("known: %(names)s", names=", ".join(ws.areas.names)),
                    code="unknown-area",
                )
            )
    targets = [f.value for f in SurveyField] + list(seen)
    for k, source in enumerate(ws.settings.sources.survey):
        for header, target in source.columns.items():
            if target not in targets:
                out.append(
                    doc.problem(
                        ("sources", "survey", k, "columns", header),
                        N_("'%(value)s' is neither a survey field nor a factor id", value=target),
                        hint=suggestion(target, targets)
                        or N_("expected one of %(choices)s", choices=", ".join(targets)),
                        code="unknown-field",
                    )
                )
    return out
