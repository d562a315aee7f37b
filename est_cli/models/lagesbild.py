"""lagesbild/YYYY.yaml: the written parts of the yearly lägesbild (lag 2023:196, 4 §).

The figures of the mapping (kartläggning) are computed from the incidents; what people
write is here: the problems seen, the figures each one rests on (by category and area),
their causes, the measures proposed with who carries them out, and which focus areas of
next year's medborgarlöfte they lead to.
"""

from __future__ import annotations

from pydantic import Field

from est_cli.models.base import Day, Identifier, Strict, Text
from est_cli.periods import YEARS


class FigureRef(Strict):
    """The incidents a problem refers to: the document shows their count for the year."""

    categories: list[Identifier] = Field(min_length=1, description="category ids from est.yaml")
    areas: list[Identifier] = Field(
        default_factory=list,
        description="limit to these area ids (default: the whole municipality)",
    )


class Measure(Strict):
    """A proposed measure of the åtgärdsplan."""

    text: Text = Field(description="what is proposed, e.g. 'Trygghetsvandring i Ramdal'")
    owner: Text = Field(description="who carries it out, e.g. 'Polisen' or 'Oxelösundshem'")
    when: str | None = Field(default=None, description="e.g. 'våren 2022'")


class Finding(Strict):
    """One problem of the lägesbild: what is seen, why, and what is proposed."""

    id: Identifier = Field(description="short id, unique within the file")
    title: Text = Field(description="e.g. 'Villainbrott i Sunda'")
    description: Text = Field(description="the problem in plain words (analys)")
    figures: list[FigureRef] = Field(
        default_factory=list, description="the incidents it refers to, by category and area"
    )
    causes: list[Text] = Field(default_factory=list, description="the causes seen (orsaker)")
    measures: list[Measure] = Field(
        default_factory=list, description="proposed measures (åtgärdsförslag), each with owner"
    )
    focus_areas: list[Identifier] = Field(
        default_factory=list,
        description="ids of the focus areas of next year's pledge this problem leads to (checked "
        "against that pledge once it is in pledges/)",
    )


class Lagesbild(Strict):
    """The yearly lägesbild's analysis, causes, priorities and proposed measures."""

    year: int = Field(
        ge=YEARS.start, le=YEARS[-1], description="the year described; must match the file name"
    )
    adopted: Day | None = Field(
        default=None, description="the day the municipality adopted the lägesbild, if it has"
    )
    summary: Text | None = Field(default=None, description="a short summary (sammanfattning)")
    other_information: str | None = Field(
        default=None,
        description="other relevant information (annan relevant information): what partners, "
        "residents or other sources say that the counts do not",
    )
    problems: list[Finding] = Field(
        min_length=1, description="the problems seen, most important first (prioriteringar)"
    )
