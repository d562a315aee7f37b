"""Which column of a survey export holds what: the Microsoft Forms and Google Forms headers
known by default, each factor by its label, id and aliases, the workspace's own mapping on
top; a located problem for a missing column, and for a header that looks like a factor's
question but is none (its answers would be lost without a word)."""

from __future__ import annotations

from est_cli.errors import N_, Problem, did_you_mean
from est_cli.load.aliases import normalize
from est_cli.load.describe import Column, Description, Mapped, missing_columns
from est_cli.models.survey import Survey, SurveyField

S = SurveyField

# The export's fields besides the factors, with the headers known without configuration.
SURVEY = Description(
    "survey",
    (
        Column(
            S.submitted_at,
            "Tidstämpel",
            (
                "tidstämpel",
                "tidsstämpel",
                "timestamp",
                "slutförandetid",
                "completion time",
                "inskickad",
                "skickad",
                "datum",
                "submitted_at",
                "starttid",
                "start time",
            ),
            kind="datetime",
            required=True,
            missing_hint=N_(
                "add the survey tool's timestamp column, or map it in est.yaml: "
                'sources.survey[].columns: {"Your header": submitted_at}'
            ),
        ),
        Column(
            S.respondent,
            "Namn",
            ("namn", "name", "svarande", "respondent", "roll", "e-postadress", "e-post", "email"),
        ),
        Column(
            S.organisation,
            "Organisation",
            ("organisation", "aktör", "verksamhet", "organization", "arbetsgivare"),
        ),
        Column(
            S.area, "Område", ("område", "omrade", "stadsdel", "kommundel", "area"), kind="area"
        ),
        Column(
            S.comment,
            "Kommentar",
            (
                "kommentar",
                "kommentarer",
                "övriga kommentarer",
                "övrigt",
                "fritext",
                "comment",
                "comments",
            ),
        ),
    ),
)
FIELD_LABELS = SURVEY.labels


def survey_description(survey: Survey) -> Description:
    """The export of this questionnaire: a column per factor, named by its id, label or
    aliases (looked up before the other fields; two columns of one factor: the first)."""
    factors = [
        Column(f.id, f.label, (f.id, f.label, *f.aliases), kind="level", first_wins=True)
        for f in survey.factors
    ]
    return SURVEY.extended(factors, first=True)


def factor_spellings(survey: Survey) -> dict[str, str]:
    """Every normalised spelling of every factor → its id."""
    out: dict[str, str] = {}
    for factor in survey.factors:
        for spelling in (factor.id, factor.label, *factor.aliases):
            out.setdefault(normalize(spelling), factor.id)
    return out


def header_problems(
    rel: str, header_line: int, headers: list[str], mapped: Mapped, survey: Survey
) -> list[Problem]:
    """A missing timestamp or factor column (fatal), and a header close to a factor that is
    none (an error: its answers are not read until est.yaml says what it is)."""
    out = missing_columns(rel, header_line, headers, SURVEY, mapped)
    listed = ", ".join(h for h in headers if h)
    if not any(f.id in mapped.columns for f in survey.factors):
        out.append(
            Problem(
                rel,
                header_line,
                None,
                None,
                N_(
                    "no column answers a factor of the survey; the columns are: %(columns)s",
                    columns=listed,
                ),
                hint=N_(
                    "the export's question headers must be the factors' labels or aliases "
                    "(est survey questions lists them)"
                ),
                code="missing-column",
                fatal=True,
            )
        )
    spellings = factor_spellings(survey)
    labels = {f.id: f.label for f in survey.factors}
    for i in mapped.unmapped:
        header = headers[i]
        close = did_you_mean(normalize(header), list(spellings), n=1)
        if not close:
            continue
        fid = spellings[close[0]]
        out.append(
            Problem(
                rel,
                header_line,
                i + 1,
                header,
                N_(
                    "the column '%(header)s' is not a factor of the survey; did you mean "
                    "'%(label)s' (%(id)s)?",
                    header=header,
                    label=labels[fid],
                    id=fid,
                ),
                hint=N_(
                    "add '%(header)s' to the aliases of factor %(id)s in est.yaml's survey "
                    "section, or map it: %(mapping)s (or ignore)",
                    header=header,
                    id=fid,
                    mapping=f'sources.survey[].columns: {{"{header}": {fid}}}',
                ),
                code="unknown-factor",
            )
        )
    return out
