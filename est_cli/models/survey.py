"""est.yaml's `survey:` section: the weekly partner survey (enkät) of the EST routine.

Every Tuesday a digital survey asks the partners (about 40 people: the municipality's staff,
the police, housing companies, guards) how the last week has been on a dozen factors that
affect how safe people feel. These models are the one definition of the questionnaire, its
answer scale and who is expected to answer; `est survey questions` prints the form from them
and the survey exports are read against them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from est_cli.models.base import Identifier, Strict, Text


class SurveyField(StrEnum):
    """The columns of a survey export besides the factors (a factor's column is mapped to
    the factor's id)."""

    submitted_at = "submitted_at"
    respondent = "respondent"
    organisation = "organisation"
    area = "area"
    comment = "comment"
    ignore = "ignore"


class Factor(Strict):
    """One question of the survey: how much of this was there during the week?"""

    id: Identifier = Field(description="short id, e.g. 'skadegorelse'")
    label: Text = Field(description="the question as the form asks it, in Swedish")
    aliases: list[Text] = Field(
        default_factory=list,
        description="other headers the survey tool's export uses for this question",
    )


class Level(Strict):
    """One step of the answer scale."""

    value: int = Field(ge=0, le=100, description="the number the step counts as, e.g. 2")
    label: Text = Field(description="the answer as the form writes it, e.g. 'Flera'")
    aliases: list[Text] = Field(default_factory=list, description="other spellings in exports")


class Respondent(Strict):
    """Someone expected to answer every week (for the response rate)."""

    organisation: Text = Field(description="e.g. 'Polisen', 'Kommunen', 'Bostadsbolaget'")
    name: Text | None = Field(
        default=None, description="the person's name or role, as the export writes it"
    )
    area: Identifier | None = Field(
        default=None, description="area id from est.yaml the respondent reports on"
    )


# The default questionnaire: 12 factors, as the EST routine asks them ("12 faktorer som kan
# påverka allmänhetens upplevda trygghet"). Each factor says where it comes from.
DEFAULT_FACTORS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # id, Swedish question label, export aliases, source
    ("hot_vald", "Hot och våld", ("Hot/våld",), "asked in the EST routine's survey"),
    ("skadegorelse", "Skadegörelse", ("Vandalisering",), "asked in the EST routine's survey"),
    ("anlagd_brand", "Anlagda bränder", ("Anlagd brand",), "asked in the EST routine's survey"),
    ("narkotika", "Narkotika", ("Droger",), "asked in the EST routine's survey"),
    ("klotter", "Klotter", ("Graffiti",), "a category of est's default taxonomy"),
    ("nedskrapning", "Nedskräpning", ("Skräp",), "a category of est's default taxonomy"),
    (
        "samling",
        "Otrygghetsskapande samlingar",
        ("Ungdomssamlingar",),
        "a category of est's default taxonomy",
    ),
    ("inbrott_stold", "Inbrott och stöld", ("Stöld",), "est's categories inbrott and stöld"),
    (
        "ordningsstorning",
        "Ordningsstörningar",
        ("Störningar",),
        "a category of est's default taxonomy",
    ),
    (
        "trafik",
        "Olovlig trafik och buskörning",
        ("Buskörning",),
        "a category of est's default taxonomy",
    ),
    (
        "otrygg_plats",
        "Otrygga platser (belysning, insyn)",
        ("Otrygga platser",),
        "a category of est's default taxonomy",
    ),
    (
        "alkohol",
        "Alkohol och berusning på allmän plats",
        ("Berusning",),
        "a frequent EST survey question; no est category",
    ),
)


def default_factors() -> list[Factor]:
    return [Factor(id=i, label=label, aliases=list(a)) for i, label, a, _ in DEFAULT_FACTORS]


def default_scale() -> list[Level]:
    return [
        Level(value=0, label="Inget"),
        Level(value=1, label="Enstaka"),
        Level(value=2, label="Flera"),
        Level(value=3, label="Många"),
    ]


class Survey(Strict):
    """The weekly partner survey: its questions, answer scale and respondents."""

    factors: list[Factor] = Field(
        default_factory=default_factors,
        min_length=1,
        description="the questions; default: est's 12 EST factors",
    )
    scale: list[Level] = Field(
        default_factory=default_scale,
        min_length=2,
        description="the answer levels, lowest first; default 0 Inget, 1 Enstaka, 2 Flera, 3 Många",
    )
    dont_know: list[Text] = Field(
        default_factory=lambda: ["Vet ej"],
        min_length=1,
        description="the answers that say 'don't know' (not counted in the picture); the first "
        "is the form's",
    )
    respondents: list[Respondent] = Field(
        default_factory=list,
        description="who is expected to answer every week, for the response rate",
    )
    answers_describe: Literal["previous_week", "same_week"] = Field(
        default="previous_week",
        description="the week an answer describes: the ISO week before the one it was "
        "submitted in (a Tuesday answer about 'the last week'), or the same week",
    )
    summary: Literal["mean", "mode"] = Field(
        default="mean",
        description="a cell of the area × factor table: the mean level, or the level most answered",
    )
    rise_threshold: float = Field(
        default=0.5,
        gt=0,
        le=100,
        description="a factor rose when its mean level went up by at least this much",
    )
    rise_min_answers: int = Field(
        default=3,
        ge=1,
        description="… with at least this many answers both this week and the week before",
    )
