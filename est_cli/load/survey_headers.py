"""Which column of a survey export holds what: the Microsoft Forms and Google Forms headers
known by default, each factor by its label, id and aliases, the workspace's own mapping on
top; a located problem for a missing column, and for a header that looks like a factor's
question but is none (its answers would be lost without a word)."""

from __future__ import annotations

from dataclasses import dataclass, field

from est_cli.errors import N_, Problem, did_you_mean
from est_cli.load.aliases import normalize
from est_cli.models.settings import SurveySource
from est_cli.models.survey import Survey, SurveyField

S = SurveyField

# Headers recognised without configuration (compared after `normalize`), preferred first.
DEFAULT_SURVEY_HEADERS: dict[str, SurveyField] = {
    **dict.fromkeys(
        [
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
        ],
        S.submitted_at,
    ),
    **dict.fromkeys(
        ["namn", "name", "svarande", "respondent", "roll", "e-postadress", "e-post", "email"],
        S.respondent,
    ),
    **dict.fromkeys(
        ["organisation", "aktör", "verksamhet", "organization", "arbetsgivare"], S.organisation
    ),
    **dict.fromkeys(["område", "omrade", "stadsdel", "kommundel", "area"], S.area),
    **dict.fromkeys(
        [
            "kommentar",
            "kommentarer",
            "övriga kommentarer",
            "övrigt",
            "fritext",
            "comment",
            "comments",
        ],
        S.comment,
    ),
}
_PREFERENCE = {h: i for i, h in enumerate(DEFAULT_SURVEY_HEADERS)}
FIELD_LABELS = {
    S.submitted_at: "Tidstämpel",
    S.respondent: "Namn",
    S.organisation: "Organisation",
    S.area: "Område",
    S.comment: "Kommentar",
}


@dataclass
class SurveyColumns:
    """Column index of each field and of each factor (by id)."""

    fields: dict[SurveyField, int] = field(default_factory=dict)
    factors: dict[str, int] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)


def factor_spellings(survey: Survey) -> dict[str, str]:
    """Every normalised spelling of every factor → its id."""
    out: dict[str, str] = {}
    for factor in survey.factors:
        for spelling in (factor.id, factor.label, *factor.aliases):
            out.setdefault(normalize(spelling), factor.id)
    return out


def map_survey_headers(headers: list[str], source: SurveySource, survey: Survey) -> SurveyColumns:
    custom = {normalize(k): v for k, v in source.columns.items()}
    spellings = factor_spellings(survey)
    ids = {f.id for f in survey.factors}
    fields = {f.value: f for f in SurveyField}
    cols = SurveyColumns()
    ranks: dict[SurveyField, int] = {}
    for i, header in enumerate(headers):
        key = normalize(header)
        target = custom.get(key)
        if target in ids:
            cols.factors.setdefault(target, i)
            continue
        if target in fields:
            fld, rank = fields[target], -1
        elif target is None and key in spellings:
            cols.factors.setdefault(spellings[key], i)
            continue
        elif target is None and key in DEFAULT_SURVEY_HEADERS:
            fld, rank = DEFAULT_SURVEY_HEADERS[key], _PREFERENCE[key]
        else:  # an unknown mapping target is est.yaml's problem (survey_settings)
            if header and target is None:
                cols.unmapped.append(i)
            continue
        if fld == S.ignore:
            continue
        if fld not in cols.fields or rank < ranks[fld]:
            cols.fields[fld], ranks[fld] = i, rank
    return cols


def header_problems(
    rel: str, header_line: int, headers: list[str], cols: SurveyColumns, survey: Survey
) -> list[Problem]:
    """A missing timestamp or factor column (fatal), and a header close to a factor that is
    none (an error: its answers are not read until est.yaml says what it is)."""
    out: list[Problem] = []
    listed = ", ".join(h for h in headers if h)
    if S.submitted_at not in cols.fields:
        out.append(
            Problem(
                rel,
                header_line,
                None,
                None,
                N_(
                    "no column for %(field)s (%(label)s); the columns are: %(columns)s",
                    field="submitted_at",
                    label="Tidstämpel",
                    columns=listed,
                ),
                hint=N_(
                    "add the survey tool's timestamp column, or map it in est.yaml: "
                    'sources.survey[].columns: {"Your header": submitted_at}'
                ),
                code="missing-column",
                fatal=True,
            )
        )
    if not cols.factors:
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
    for i in cols.unmapped:
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
