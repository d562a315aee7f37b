"""pledges/*.yaml: one medborgarlöfte (citizen pledge) and its follow-ups."""

from __future__ import annotations

from pydantic import Field, field_validator

from est_cli.models.base import (
    MAX_COUNT,
    Day,
    Identifier,
    Insats,
    Owner,
    Status,
    Strict,
    TertialKey,
    Text,
)


class Signatory(Strict):
    """Who signs the pledge, for which of its parties (seed: name, title, party, date)."""

    name: Text = Field(description="full name")
    role: Text = Field(description="the title, e.g. 'Lokalpolisområdeschef'")
    party: Text | None = Field(
        default=None, description="which of the pledge's parties the signatory signs for"
    )
    organisation: Text | None = Field(
        default=None,
        description="the unit, when more than the party, e.g. 'Polisen, lokalpolisområde Nyköping'",
    )
    date: Day | None = Field(
        default=None, description="date of signing, YYYY-MM-DD, when not the pledge's 'signed'"
    )


class Target(Strict):
    """A measurable target: 'minst 8 nya grannsamverkansområden'."""

    count: int = Field(ge=1, le=MAX_COUNT, description="the number to reach")
    unit: Text = Field(description="what is counted, e.g. 'nya grannsamverkansområden'")


class ActivityFollowUp(Strict):
    status: Status = Field(description="ej påbörjad, pågår, genomförd or inställd")
    progress: int | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT,
        description="count reached so far towards the target (cumulative)",
    )
    note: str | None = Field(default=None, description="what was done, or why it could not be done")


class Activity(Strict):
    """A promise or activity with an owner and optional measurable target."""

    id: Identifier = Field(description="short id, unique within the pledge")
    text: Text = Field(description="the promise as published")
    owner: Owner = Field(description="polisen, kommunen or gemensamt")
    target: Target | None = Field(default=None, description="optional measurable target")
    follow_ups: dict[TertialKey, ActivityFollowUp] = Field(
        default_factory=dict, description="follow-up per tertial, keyed 'YYYY-T1' …"
    )


class Indicator(Strict):
    """Which incidents count for a focus area, and how the count is phrased."""

    categories: list[Identifier] = Field(min_length=1, description="category ids to count")
    areas: list[Identifier] = Field(
        default_factory=list, description="limit to these area ids (default: all areas)"
    )
    phrase: Text = Field(
        description="how one counted incident is called in text, e.g. 'fall av skadegörelse'"
    )


class FocusFollowUp(Strict):
    status: Status = Field(description="ej påbörjad, pågår, genomförd or inställd")
    measures: list[Text] = Field(
        default_factory=list, description="åtgärder taken during the tertial"
    )
    effect: str | None = Field(default=None, description="the assessed effect (effekt)")

    @field_validator("measures", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class FocusArea(Strict):
    """A problemområde / prioriterat område of the pledge."""

    id: Identifier = Field(description="short id, unique within the pledge")
    title: Text = Field(description="e.g. 'Skadegörelse'")
    problem: Text = Field(description="the problem as described in the pledge")
    indicators: list[Indicator] = Field(
        default_factory=list, description="incident counts shown for this focus area"
    )
    activities: list[Activity] = Field(default_factory=list, description="promises/activities")
    follow_ups: dict[TertialKey, FocusFollowUp] = Field(
        default_factory=dict, description="follow-up per tertial, keyed 'YYYY-T1' …"
    )


class Pledge(Strict):
    """A medborgarlöfte, signed by the police and the municipality."""

    title: Text = Field(description="e.g. 'Medborgarlöfte 2021'")
    municipality: Text = Field(description="e.g. 'Oxelösunds kommun'")
    parties: list[Text] = Field(min_length=1, description="e.g. [Polisen, Oxelösunds kommun]")
    valid_from: Day = Field(description="first day the pledge applies, YYYY-MM-DD")
    valid_to: Day = Field(description="last day the pledge applies, YYYY-MM-DD")
    place: str | None = Field(default=None, description="place of signing, e.g. 'Oxelösund'")
    signed: Day | None = Field(default=None, description="date of signing")
    signatories: list[Signatory] = Field(
        default_factory=list, description="who signs it: name, role (title), party, date"
    )
    url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s<>\"]+$",
        description="where the pledge is published, linked at the end of each follow-up",
    )
    introduction: str | None = Field(default=None, description="Inledning")
    situation: str | None = Field(default=None, description="Situationen idag")
    purpose: Text = Field(description="Det här ska vi åstadkomma tillsammans")
    method: Text = Field(description="Så här gör vi (usually EST)")
    expected_effect: str | None = Field(default=None, description="Förväntad effekt")
    follow_up_plan: str | None = Field(
        default=None, description="Följ med i hur det går: how and when it is followed up"
    )
    focus_areas: list[FocusArea] = Field(min_length=1, description="problemområden")
    insatser: list[Insats] = Field(
        default_factory=list, description="dated measures shown with before/after counts"
    )
    year_summary: str | None = Field(
        default=None, description="closing words of the year, shown in the T3 follow-up"
    )
