"""weeks/YYYY-Www.yaml: the Thursday meeting's assessment and priorities."""

from __future__ import annotations

from pydantic import Field

from est_cli.models.base import Day, Identifier, Insats, Status, Strict, Text, WeekKey


class Priority(Strict):
    """A decision for the weekend or the coming week."""

    action: Text = Field(description="what will be done, e.g. 'Närvaro fredag och lördag kväll'")
    area: Identifier | None = Field(default=None, description="area id from est.yaml")
    place: str | None = Field(default=None, description="a place, e.g. 'Resecentrum'")
    owner: Text = Field(description="who does it, e.g. 'Polisen' or 'Vaktbolaget'")
    when: str | None = Field(default=None, description="e.g. 'helgen' or 'vecka 48'")


class PriorityFollowUp(Strict):
    """How one of last week's priorities went."""

    priority: Text = Field(description="last week's priority, in short")
    status: Status = Field(description="ej påbörjad, pågår, genomförd or inställd")
    comment: str | None = Field(default=None, description="what came of it")


class WeekNotes(Strict):
    """The meeting notes for one ISO week."""

    week: WeekKey = Field(description="the ISO week, e.g. 2026-W47; must match the file name")
    meeting_date: Day = Field(description="date of the Thursday meeting, YYYY-MM-DD")
    participants: list[Text] = Field(
        default_factory=list, description="organisations present at the meeting"
    )
    assessment: Text = Field(description="the shared assessment of the situation (lägesbild)")
    priorities: list[Priority] = Field(
        default_factory=list, description="priorities for the weekend and the coming week"
    )
    follow_up: list[PriorityFollowUp] = Field(
        default_factory=list, description="follow-up of last week's priorities"
    )
    insatser: list[Insats] = Field(default_factory=list, description="dated measures this week")
